// Token bucket behind `rate_limit = N/period`: capacity N, refilled continuously at N per period.
#include <algorithm>
#include <stdexcept>

#include "runtime/http/http.hpp"

namespace flowc::runtime {

RateLimiter::RateLimiter(long count, std::chrono::milliseconds period) {
  if (count <= 0 || period.count() <= 0) {
    throw std::invalid_argument("a rate limit needs a positive request count and a positive period");
  }
  capacity_ = static_cast<double>(count);
  tokens_ = capacity_;  // a fresh account may send a full burst at once
  per_ms_ = capacity_ / static_cast<double>(period.count());
}

std::chrono::steady_clock::time_point RateLimiter::reserve(std::chrono::steady_clock::time_point now) {
  if (now > last_) {
    const std::chrono::duration<double, std::milli> elapsed = now - last_;
    tokens_ = std::min(capacity_, tokens_ + elapsed.count() * per_ms_);
    last_ = now;
  }
  // Taking the token even when none is left puts the bucket into debt; the debt is exactly the time
  // this caller must wait, and later callers queue behind it.
  tokens_ -= 1.0;
  if (tokens_ >= 0.0) return std::max(now, last_);
  const std::chrono::duration<double, std::milli> wait{-tokens_ / per_ms_};
  return last_ + std::chrono::ceil<std::chrono::steady_clock::duration>(wait);
}

}  // namespace flowc::runtime
