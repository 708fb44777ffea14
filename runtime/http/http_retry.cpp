// Retry rules shared by every connector: which answers are transient and how long to wait.
#include "runtime/http/http_retry.hpp"
#include "base/text/ascii.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace flowc::runtime {

namespace http_retry {

namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::chrono::milliseconds capped(std::chrono::milliseconds wait) {
  return std::clamp(wait, std::chrono::milliseconds{0}, kMaxServerRetryDelay);
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
  value = ascii::trim(value);
  if (all_digits(value)) {
    // More than 9 digits is beyond any cap; checking the length first avoids overflow.
    if (value.size() > 9) return kMaxServerRetryDelay;
    return capped(std::chrono::seconds{std::stol(std::string(value))});
  }
  // curl_getdate reads the three date formats HTTP allows (RFC 1123, RFC 850, asctime).
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const auto wait = std::chrono::system_clock::from_time_t(when) - now;
  return capped(std::chrono::ceil<std::chrono::milliseconds>(wait));
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, std::uint64_t random) {
  const auto base = std::max<std::int64_t>(policy.base_delay.count(), 0);
  const auto ceiling = std::max<std::int64_t>(policy.max_delay.count(), 0);
  std::int64_t full = base;
  for (int i = 0; i < retry && full < ceiling; ++i) full *= 2;  // doubling stops at the cap: no overflow
  full = std::min(full, ceiling);
  const std::int64_t half = full / 2;
  const std::int64_t spread = full - half;
  const std::int64_t jitter =
      spread > 0 ? static_cast<std::int64_t>(random % static_cast<std::uint64_t>(spread + 1)) : 0;
  return std::chrono::milliseconds{half + jitter};
}

std::chrono::milliseconds retry_delay(std::chrono::milliseconds advised, const RetryPolicy& policy, int retry,
                                      std::uint64_t random) {
  if (advised.count() > 0) return capped(advised);
  return backoff_delay(policy, retry, random);
}

}  // namespace http_retry

namespace {

// Zero means "retry after the policy's backoff"; a Retry-After header replaces it.
std::chrono::milliseconds server_requested_wait(const HttpResponse& response) {
  const std::string retry_after = response.header("retry-after");
  if (retry_after.empty()) return std::chrono::milliseconds{0};
  return http_retry::parse_retry_after(retry_after, std::chrono::system_clock::now())
      .value_or(std::chrono::milliseconds{0});
}

bool transient_http_status(int status) {
  return status == 408 || status == 429 || (status >= 500 && status < 600);
}

}  // namespace

std::optional<std::chrono::milliseconds> default_retry_advice(const HttpResponse& response) {
  if (!response.error.empty() || transient_http_status(response.status)) return server_requested_wait(response);
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> default_smtp_retry_advice(const HttpResponse& response) {
  // SMTP reply classes (RFC 5321 4.2.1): 4yz is a transient negative reply, 5yz a permanent one.
  if (response.status >= 500) return std::nullopt;
  if (response.status >= 400 || !response.error.empty()) return std::chrono::milliseconds{0};
  return std::nullopt;
}

}  // namespace flowc::runtime
