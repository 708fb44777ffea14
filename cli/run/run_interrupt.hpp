// Ctrl-C (SIGINT) and SIGTERM during `flowc run` / `flowc retry`, handled as `flowc serve` handles
// them: the first stops reading rows and lets the rows in flight finish (for `grace` at most), so
// the run ends `stopped` with its summary printed; a second one, or the end of `grace`, ends the
// process at once (rows whose sends were in flight are then held, as after a crash).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>

#include "cli/stop_signals.hpp"

namespace flowc::cli {

class RunInterrupt {
 public:
  // `before_exit_now` runs just before the process ends at once (it removes a sandbox's state).
  RunInterrupt(std::chrono::milliseconds grace, std::function<void()> before_exit_now);

  // For RunOptions::stop.
  const std::atomic<bool>* flag() const { return &stop_; }
  // 128 + the signal that asked the run to stop (130 for Ctrl-C, 143 for SIGTERM); 0 when none came.
  int exit_code() const;

 private:
  void stop(int signal);
  [[noreturn]] void stop_now(int signal);

  std::chrono::milliseconds grace_;
  std::function<void()> before_exit_now_;
  std::atomic<bool> stop_{false};
  StopSignals signals_;  // last: its thread calls back into the members above
};

}  // namespace flowc::cli
