#include "runtime/state/run_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <system_error>
#include <utility>

#include "runtime/state/sha256.hpp"
#include "runtime/state/state_error.hpp"
#include "runtime/state/timestamps.hpp"

namespace flowc::runtime::state {
namespace {

constexpr std::size_t kSlugLength = 40;

std::string slug(const std::string& flow) {
  std::string out;
  for (const char c : flow) {
    if (out.size() == kSlugLength) break;
    const bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    out.push_back(safe ? c : '_');
  }
  return out;
}

[[noreturn]] void fail(const std::filesystem::path& file, std::string_view doing) {
  throw StateError(file, fmt::format("{}: {}", doing, std::strerror(errno)));
}

// flock, retried when a signal interrupts the wait.
int flock_retrying(int fd, int operation) {
  int result = 0;
  do {
    result = ::flock(fd, operation);
  } while (result != 0 && errno == EINTR);
  return result;
}

}  // namespace

std::filesystem::path RunLock::lock_file(const std::filesystem::path& lock_dir, const std::string& flow) {
  return lock_dir / fmt::format("{}-{}.lock", slug(flow), sha256_hex(flow).substr(0, 16));
}

RunLock::RunLock(const std::filesystem::path& lock_dir, std::string flow)
    : flow_(std::move(flow)), file_(lock_file(lock_dir, flow_)) {
  std::error_code error;
  std::filesystem::create_directories(lock_dir, error);
  if (error) throw StateError(lock_dir, "cannot create the lock directory: " + error.message());
  fd_ = ::open(file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) fail(file_, "cannot open the lock file");
}

RunLock::RunLock(RunLock&& other) noexcept
    : flow_(std::move(other.flow_)),
      file_(std::move(other.file_)),
      fd_(std::exchange(other.fd_, -1)),
      owned_(std::exchange(other.owned_, false)) {}

RunLock& RunLock::operator=(RunLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);  // closing the file releases any lock it holds
    flow_ = std::move(other.flow_);
    file_ = std::move(other.file_);
    fd_ = std::exchange(other.fd_, -1);
    owned_ = std::exchange(other.owned_, false);
  }
  return *this;
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);
}

bool RunLock::try_lock(LockHolder* held_by) {
  if (owned_) return true;
  if (flock_retrying(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) fail(file_, "cannot lock");
    if (held_by) *held_by = read_holder();
    return false;
  }
  owned_ = true;
  write_holder();
  return true;
}

void RunLock::lock() {
  if (owned_) return;
  if (flock_retrying(fd_, LOCK_EX) != 0) fail(file_, "cannot lock");
  owned_ = true;
  write_holder();
}

void RunLock::unlock() {
  if (!owned_) return;
  ::flock(fd_, LOCK_UN);
  owned_ = false;
}

// Best effort: the lock is what excludes; this text only names the holder.
void RunLock::write_holder() {
  const std::string text = fmt::format("{} {}\n", ::getpid(), utc_now());
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, text.data(), text.size(), 0) < 0) {
    // An unwritable note does not weaken the lock; others will see pid 0.
  }
}

LockHolder RunLock::read_holder() const {
  char buffer[128] = {};
  const ssize_t size = ::pread(fd_, buffer, sizeof buffer - 1, 0);
  LockHolder holder;
  if (size <= 0) return holder;
  std::istringstream text(std::string(buffer, static_cast<std::size_t>(size)));
  if (!(text >> holder.pid >> holder.since)) holder = LockHolder{};
  return holder;
}

}  // namespace flowc::runtime::state
