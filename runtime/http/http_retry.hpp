// How long to wait before repeating a request: Retry-After parsing and exponential backoff.
// Internal to the HTTP client; exposed for its tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "runtime/http/http.hpp"

namespace flowc::runtime::http_retry {

// Retry-After as delta-seconds ("120") or an HTTP date; nullopt when unreadable. A date in the past
// gives zero. The result is capped at kMaxServerRetryDelay.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

// The wait before retry number `retry` (0 for the first): min(max_delay, base * 2^retry), of which
// the upper half is scaled by `random` so many rows failing together do not retry in lockstep.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, std::uint64_t random);

// The wait actually used: the server's request when the advice carried one, else the backoff.
std::chrono::milliseconds retry_delay(std::chrono::milliseconds advised, const RetryPolicy& policy, int retry,
                                      std::uint64_t random);

}  // namespace flowc::runtime::http_retry
