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
  // Headers that many requests carry alike (`Accept: application/json`), shared rather than
  // copied into each; sent and shown after `headers`. May be null.
  std::shared_ptr<const Headers> common_headers;
  std::string body;
  // SMTP (url smtp:// or smtps://): envelope sender and recipients; `body` is the RFC 5322 message.
  std::string mail_from;
  std::vector<std::string> mail_rcpt;
  // The account set `insecure_tls = true`: the server's certificate and name are not verified
  // (a self-signed test server). Off by default; `flowc check` warns when an account asks for it.
  bool insecure_tls = false;

  // Calls f(name, value) for `headers`, then `common_headers`.
  template <typename F>
  void for_each_header(F&& f) const {
    for (const auto& [name, value] : headers) f(name, value);
    if (common_headers) {
      for (const auto& [name, value] : *common_headers) f(name, value);
    }
  }
};

struct HttpResponse {
  int status = 0;   // HTTP status or SMTP reply code; 0 when no response arrived (see `error`)
  Headers headers;  // names lower-cased
  std::string body;
  // Transport failure text (curl's; never the URL), empty when a response arrived. A rejected SMTP
  // transfer carries both the reply code in `status` and curl's text here.
  std::string error;
  int attempts = 0;                                 // how many times the request was sent
  std::string header(std::string_view name) const;  // case-insensitive, "" when absent
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

struct RetryPolicy {
  int max_retries = 5;                        // extra attempts after the first
  std::chrono::milliseconds base_delay{250};  // backoff = base * 2^n, with jitter
  std::chrono::milliseconds max_delay{30'000};
  std::chrono::milliseconds timeout{30'000};  // whole transfer
  std::chrono::milliseconds connect_timeout{10'000};
};

// A token bucket shared by every request of one account: `count` requests per `period`.
class RateLimiter {
 public:
  // Throws std::invalid_argument unless count > 0 and period > 0.
  RateLimiter(long count, std::chrono::milliseconds period);
  // When the next request may start, reserving its slot (the bucket may go into debt, so callers
  // queue up in order instead of racing for the next token).
  std::chrono::steady_clock::time_point reserve(std::chrono::steady_clock::time_point now);

 private:
  double tokens_;
  double capacity_;
  double per_ms_;
  std::chrono::steady_clock::time_point last_;
};

// Decides whether a finished attempt is worth repeating (network error, 429, 5xx) and after how
// long. Connectors may add their own rules (Telegram's `parameters.retry_after`); a connector's
// advice replaces the default one, so it may call default_retry_advice() for the common cases.
// nullopt: the response is final. A positive duration: the server asked for that wait (it is
// honoured up to kMaxServerRetryDelay). Zero: retry after the policy's exponential backoff.
using RetryAdvice = std::function<std::optional<std::chrono::milliseconds>(const HttpResponse&)>;

// The longest server-requested wait (Retry-After, retry_after) that is honoured; a longer request is
// shortened to this so one hostile or confused server cannot park a run for hours.
inline constexpr std::chrono::milliseconds kMaxServerRetryDelay{10 * 60 * 1000};

class HttpClient {
 public:
  using Callback = std::function<void(HttpResponse)>;

  HttpClient();
  // Requests still pending are abandoned; their callbacks do not run.
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Queues a request; `done` runs on the thread that calls poll(), after retries are exhausted or
  // a final answer arrived. `limiter` may be null; it must outlive the request. Without `advice`
  // the default rule for the URL's scheme applies. Callbacks may submit() but not poll()/perform().
  void submit(HttpRequest request, const RetryPolicy& policy, RateLimiter* limiter, Callback done,
              RetryAdvice advice = {});
  // Drives transfers and timers for at most `max_wait`; runs completion callbacks. Returns early
  // once a callback ran or nothing is pending.
  void poll(std::chrono::milliseconds max_wait);
  // Number of requests submitted whose callback has not run yet.
  std::size_t pending() const;
  // Runs `hook` at each step of poll() (and so of perform()) before any transfer starts: a run
  // commits its notes of the sends about to go out there, since a send must be noted before it
  // leaves. The hook must not submit or poll.
  void set_before_transfers(std::function<void()> hook);
  // Convenience for sequential callers (sources): submit and poll until done. Callbacks of other
  // requests submitted earlier may run meanwhile.
  HttpResponse perform(HttpRequest request, const RetryPolicy& policy, RateLimiter* limiter = nullptr,
                       RetryAdvice advice = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The default retry rule: transport errors, 408, 429 and 5xx; the delay honours Retry-After
// (seconds or HTTP date). Returns nullopt when the response is final.
std::optional<std::chrono::milliseconds> default_retry_advice(const HttpResponse& response);

// The default rule for smtp:// and smtps:// transfers: transport errors and 4xx replies (transient
// in SMTP) are retried; 5xx replies are permanent failures and final.
std::optional<std::chrono::milliseconds> default_smtp_retry_advice(const HttpResponse& response);

}  // namespace flowc::runtime
