#include "tools/sandbox/faults.hpp"

#include <stdexcept>
#include <utility>

namespace flowc::sandbox {

void validate_faults(const Faults& faults) {
  if (faults.failure_rate < 0 || faults.failure_rate > 1) {
    throw std::invalid_argument("failure rate must be between 0 and 1");
  }
  if (faults.latency_ms < 0) throw std::invalid_argument("latency must not be negative");
  if (faults.throttle_every < 0) throw std::invalid_argument("throttle-every must not be negative");
  if (faults.retry_after_seconds < 0) throw std::invalid_argument("retry-after must not be negative");
  if (faults.burst_5xx_every < 0 || faults.burst_5xx_length < 0) {
    throw std::invalid_argument("burst settings must not be negative");
  }
  if (faults.burst_5xx_length > 0 && faults.burst_5xx_every == 0) {
    throw std::invalid_argument("burst-5xx-length needs burst-5xx-every");
  }
  if (faults.burst_5xx_every > 0 && faults.burst_5xx_length >= faults.burst_5xx_every) {
    throw std::invalid_argument("burst-5xx-length must be smaller than burst-5xx-every, or nothing ever succeeds");
  }
}

FaultInjector::FaultInjector(Faults faults) : faults_(std::move(faults)), rng_(faults_.seed) {}

FaultDecision FaultInjector::next() {
  std::lock_guard lock(mutex_);
  long long n = ++served_;
  FaultDecision decision;
  decision.latency = std::chrono::milliseconds(faults_.latency_ms);
  // Draw for every request, faulted or not, so the random sequence depends only on the count.
  bool unlucky = uniform_(rng_) < faults_.failure_rate;

  if (faults_.throttle_every > 0 && n % faults_.throttle_every == 0) {
    decision.kind = FaultKind::kThrottle;
    decision.status = 429;
    decision.retry_after_seconds = faults_.retry_after_seconds;
  } else if (faults_.burst_5xx_every > 0 && n >= faults_.burst_5xx_every &&
             n % faults_.burst_5xx_every < faults_.burst_5xx_length) {
    decision.kind = FaultKind::kBurst;
    decision.status = 503;
  } else if (unlucky) {
    decision.kind = FaultKind::kRandomFailure;
    decision.status = 500;
  }
  return decision;
}

}  // namespace flowc::sandbox
