// The one HTTP (and SMTP) client every connector uses: libcurl multi, keep-alive connections,
// many transfers in flight, retries with backoff that honour Retry-After, per-account rate limits.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowc::runtime {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  // SMTP (url smtp:// or smtps://): envelope sender and recipients; `body` is the RFC 5322 message.
  std::string mail_from;
  std::vector<std::string> mail_rcpt;
};

struct HttpResponse {
  int status = 0;           // HTTP status; 0 when no response arrived (see `error`)
  Headers headers;          // names lower-cased
  std::string body;
  std::string error;        // transport failure text (curl's), empty when a response arrived
  int attempts = 0;         // how many times the request was sent
  std::string header(std::string_view name) const;  // case-insensitive, "" when absent
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

struct RetryPolicy {
  int max_retries = 5;                                  // extra attempts after the first
  std::chrono::milliseconds base_delay{250};            // backoff = base * 2^n, with jitter
  std::chrono::milliseconds max_delay{30'000};
  std::chrono::milliseconds timeout{30'000};            // whole transfer
  std::chrono::milliseconds connect_timeout{10'000};
};

// A token bucket shared by every request of one account: `count` requests per `period`.
class RateLimiter {
 public:
  RateLimiter(long count, std::chrono::milliseconds period);
  // When the next request may start, reserving its slot.
  std::chrono::steady_clock::time_point reserve(std::chrono::steady_clock::time_point now);

 private:
  double tokens_;
  double capacity_;
  double per_ms_;
  std::chrono::steady_clock::time_point last_;
};

// Decides whether a finished attempt is worth repeating (network error, 429, 5xx) and after how
// long. Connectors may add their own rules (Telegram's `parameters.retry_after`).
using RetryAdvice = std::function<std::optional<std::chrono::milliseconds>(const HttpResponse&)>;

class HttpClient {
 public:
  using Callback = std::function<void(HttpResponse)>;

  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Queues a request; `done` runs on the thread that calls poll(), after retries are exhausted or
  // a final answer arrived. `limiter` may be null.
  void submit(HttpRequest request, const RetryPolicy& policy, RateLimiter* limiter, Callback done,
              RetryAdvice advice = {});
  // Drives transfers and timers for at most `max_wait`; runs completion callbacks.
  void poll(std::chrono::milliseconds max_wait);
  // Number of requests submitted whose callback has not run yet.
  std::size_t pending() const;
  // Convenience for sequential callers (sources): submit and poll until done.
  HttpResponse perform(HttpRequest request, const RetryPolicy& policy, RateLimiter* limiter = nullptr,
                       RetryAdvice advice = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The default retry rule: transport errors, 408, 429 and 5xx; the delay honours Retry-After
// (seconds or HTTP date). Returns nullopt when the response is final.
std::optional<std::chrono::milliseconds> default_retry_advice(const HttpResponse& response);

}  // namespace flowc::runtime
