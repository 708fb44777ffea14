// One run at a time per flow, across processes.
//
// An flock(2) on a file per flow. The kernel drops the lock when its holder dies
// (even by kill -9), so a crash never leaves a stale lock to time out or to clean
// by hand, and there is no heartbeat to keep alive. The holder writes its pid and
// start time into the file, only to tell others who holds it. Lock files are never
// deleted: removing a file another process is about to lock would let two
// processes each lock a different file of the same name.
//
// flock belongs to the open file, not the process: two RunLocks in one process
// exclude each other too. A fork()ed child shares its parent's open file (and so
// its lock); the file is opened with O_CLOEXEC so exec'd programs do not.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace flowc::runtime::state {

struct LockHolder {
  std::int64_t pid = 0;  // 0 when the holder has not written its name yet
  std::string since;     // UTC ISO 8601, empty when unknown
};

class RunLock {
 public:
  // The lock of `flow` among the lock files in `lock_dir` (created if needed). It
  // is not taken yet. Throws StateError when the file cannot be opened.
  RunLock(const std::filesystem::path& lock_dir, std::string flow);
  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&& other) noexcept;
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;
  ~RunLock();

  // Takes the lock without waiting. When another holds it, returns false and,
  // if asked, says who (for "flow X is already running (pid 123 since 15:04)").
  bool try_lock(LockHolder* held_by = nullptr);
  // Waits until the lock is free, then takes it.
  void lock();
  void unlock();
  bool owns_lock() const { return owned_; }

  const std::string& flow() const { return flow_; }
  const std::filesystem::path& file() const { return file_; }

  // The file that locks `flow`: a readable slug of the name plus a hash, so any
  // name (slashes, quotes, any length) maps to a safe, distinct file name.
  static std::filesystem::path lock_file(const std::filesystem::path& lock_dir, const std::string& flow);

 private:
  void write_holder();
  LockHolder read_holder() const;

  std::string flow_;
  std::filesystem::path file_;
  int fd_ = -1;
  bool owned_ = false;
};

}  // namespace flowc::runtime::state
