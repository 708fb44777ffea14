// Fault injection for the stand-in HTTP services: the misbehaviour real APIs show under load
// (latency, random 500s, 429 throttling with Retry-After, bursts of 503s), reproducible by seed.
#pragma once

#include <chrono>
#include <mutex>
#include <random>
#include <string>

namespace flowc::sandbox {

struct Faults {
  double failure_rate = 0;             // probability of a random 500 per request, 0..1
  int latency_ms = 0;                  // added before every answer
  int throttle_every = 0;              // every Nth request -> 429 with Retry-After; 0 = never
  int retry_after_seconds = 1;         // the Retry-After value of a 429
  int burst_5xx_every = 0;             // starting at request M, 2M, ...: a burst of 503s; 0 = never
  int burst_5xx_length = 0;            // N consecutive 503s per burst
  std::string reject_orders_matching;  // regex on the order title, or field=regex: create -> 422
  unsigned seed = 1;                   // seeds the random failures so a run can be repeated
};

// Throws std::invalid_argument naming the first out-of-range setting.
void validate_faults(const Faults& faults);

enum class FaultKind { kNone, kThrottle, kBurst, kRandomFailure };

struct FaultDecision {
  FaultKind kind = FaultKind::kNone;
  int status = 0;               // 429, 503 or 500; 0 for kNone
  int retry_after_seconds = 0;  // set for kThrottle
  std::chrono::milliseconds latency{0};
};

// Decides, request by request, which fault (if any) the next service request meets. One counter
// spans all services, so "every Nth request" means the Nth request the sandbox served.
class FaultInjector {
 public:
  explicit FaultInjector(Faults faults);
  FaultDecision next();

 private:
  Faults faults_;
  std::mutex mutex_;
  long long served_ = 0;
  std::mt19937 rng_;
  std::uniform_real_distribution<double> uniform_{0.0, 1.0};
};

}  // namespace flowc::sandbox
