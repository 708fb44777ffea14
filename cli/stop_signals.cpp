#include "cli/stop_signals.hpp"

#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <ctime>

namespace flowc::cli {
namespace {

sigset_t stop_set(bool with_hangup) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  if (with_hangup) sigaddset(&signals, SIGHUP);
  return signals;
}

// The next signal of `signals`; 0 when `limit` passed first.
int next_signal(const sigset_t& signals, const std::chrono::milliseconds* limit) {
  for (;;) {
    if (limit == nullptr) {
      int signal = 0;
      if (sigwait(&signals, &signal) == 0) return signal;
      continue;
    }
    timespec wait{};
    wait.tv_sec = static_cast<time_t>(limit->count() / 1000);
    wait.tv_nsec = static_cast<long>(limit->count() % 1000) * 1'000'000L;
    const int signal = sigtimedwait(&signals, nullptr, &wait);
    if (signal > 0) return signal;
    if (errno == EAGAIN) return 0;
  }
}

}  // namespace

StopSignals::StopSignals(StopHandlers handlers) : handlers_(std::move(handlers)) {
  const sigset_t signals = stop_set(static_cast<bool>(handlers_.hangup));
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  thread_ = std::thread([this] { watch(); });
}

StopSignals::~StopSignals() {
  closing_ = true;
  // Wakes the thread if it still waits (a SIGTERM aimed at it alone); a thread that has returned
  // is not signalled.
  pthread_kill(thread_.native_handle(), SIGTERM);
  thread_.join();
}

void StopSignals::watch() {
  const sigset_t signals = stop_set(static_cast<bool>(handlers_.hangup));
  int signal = 0;
  for (;;) {
    signal = next_signal(signals, nullptr);
    if (closing_) return;
    if (signal != SIGHUP) break;
    handlers_.hangup();
  }
  received_ = signal;
  handlers_.stop(signal);
  if (!handlers_.stop_now) return;
  signal = next_signal(signals, &handlers_.grace);
  if (closing_) return;
  handlers_.stop_now(signal);
}

}  // namespace flowc::cli
