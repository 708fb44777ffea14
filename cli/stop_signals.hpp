// SIGINT and SIGTERM (and, for `flowc serve`, SIGHUP) taken away from the process and handed to a
// thread of their own, which calls the command back: the command learns of them through plain
// calls (setting a stop flag, waking a loop), never from inside a signal handler. Used by `serve`
// and `run`.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

namespace flowc::cli {

struct StopHandlers {
  // The first SIGINT or SIGTERM: stop taking work, let what is in flight finish.
  std::function<void(int signal)> stop;
  // SIGHUP; empty: SIGHUP keeps its usual meaning.
  std::function<void()> hangup;
  // After `stop`: a second SIGINT/SIGTERM (`signal`), or `grace` passed first (`signal` 0). Empty:
  // the thread ends after the first stop and later signals wait, blocked, for the process to end.
  std::function<void(int signal)> stop_now;
  std::chrono::milliseconds grace{30'000};
};

class StopSignals {
 public:
  // Blocks the signals in the calling thread. Construct it before any other thread starts, so that
  // every thread inherits the mask and only this one receives them.
  explicit StopSignals(StopHandlers handlers);
  // Ends and joins the thread. The signals stay blocked: the process is about to end.
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // The first stop signal received, 0 while none has come.
  int received() const { return received_.load(); }

 private:
  void watch();

  StopHandlers handlers_;
  std::atomic<int> received_{0};
  std::atomic<bool> closing_{false};
  std::thread thread_;
};

}  // namespace flowc::cli
