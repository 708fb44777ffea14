#include "cli/run/run_interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace flowc::cli {
namespace {

constexpr int kSignalExitBase = 128;  // the shell's convention: 128 + the signal's number

}  // namespace

RunInterrupt::RunInterrupt(std::chrono::milliseconds grace, std::function<void()> before_exit_now)
    : grace_(grace),
      before_exit_now_(std::move(before_exit_now)),
      signals_(StopHandlers{[this](int signal) { stop(signal); }, {}, [this](int signal) { stop_now(signal); }, grace}) {}

int RunInterrupt::exit_code() const {
  const int signal = signals_.received();
  return signal == 0 ? 0 : kSignalExitBase + signal;
}

void RunInterrupt::stop(int signal) {
  stop_ = true;
  fmt::print(stderr,
             "\nflowc: {}: stopping; no more rows are read, the rows in flight finish (up to {}s). "
             "Press Ctrl-C again to stop at once.\n",
             signal == SIGINT ? "Ctrl-C" : "SIGTERM",
             std::chrono::duration_cast<std::chrono::seconds>(grace_).count());
}

void RunInterrupt::stop_now(int signal) {
  const std::string why = signal == 0 ? fmt::format("rows still in flight after {}s",
                                                    std::chrono::duration_cast<std::chrono::seconds>(grace_).count())
                                      : "asked again";
  fmt::print(stderr,
             "flowc: {}: stopped at once. Rows whose sends were in flight are held; the next run or `flowc "
             "retry` lists them.\n",
             why);
  if (before_exit_now_) before_exit_now_();
  std::fflush(stdout);
  std::fflush(stderr);
  _exit(exit_code());
}

}  // namespace flowc::cli
