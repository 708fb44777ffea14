// The HTTP client's event loop: one libcurl multi handle (its connection cache gives keep-alive
// across requests), a timer queue for retry delays and rate-limit waits, and completion callbacks,
// all on the thread that calls poll().
#include <curl/curl.h>

#include <deque>
#include <queue>
#include <random>
#include <stdexcept>
#include <unordered_map>

#include "runtime/http/http.hpp"
#include "runtime/http/http_retry.hpp"
#include "runtime/http/http_transfer.hpp"

namespace flowc::runtime {

namespace {

using Clock = std::chrono::steady_clock;

// Idle easy handles kept for reuse; beyond this many they are freed.
constexpr std::size_t kMaxIdleHandles = 64;

void init_curl_once() {
  // A function-local static is initialised exactly once even with concurrent first calls.
  static const CURLcode status = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (status != CURLE_OK)
    throw std::runtime_error(std::string("libcurl failed to start: ") + curl_easy_strerror(status));
}

}  // namespace

struct HttpClient::Impl {
  struct Request {
    std::uint64_t id = 0;
    HttpRequest request;
    RetryPolicy policy;
    RateLimiter* limiter = nullptr;
    Callback done;
    RetryAdvice advice;
    int attempts = 0;
    bool slot_reserved = false;  // the limiter already granted the next attempt its slot
    CURL* easy = nullptr;        // held across retries, returned to the idle list when done
    bool in_flight = false;      // `easy` is added to the multi handle
    HttpTransfer transfer;
  };

  struct Timer {
    Clock::time_point due;
    std::uint64_t order;  // keeps equal deadlines first-in, first-out
    std::uint64_t request_id;
    bool operator>(const Timer& other) const { return due != other.due ? due > other.due : order > other.order; }
  };

  struct Completion {
    Callback done;
    HttpResponse response;
  };

  Impl() {
    init_curl_once();
    multi = curl_multi_init();
    if (multi == nullptr) throw std::runtime_error("libcurl could not create a transfer queue");
  }

  ~Impl() {
    for (auto& [id, request] : requests) {
      if (request->in_flight) curl_multi_remove_handle(multi, request->easy);
      if (request->easy != nullptr) curl_easy_cleanup(request->easy);
    }
    for (CURL* easy : idle_handles) curl_easy_cleanup(easy);
    curl_multi_cleanup(multi);
  }

  void schedule(std::uint64_t request_id, Clock::time_point due) { timers.push({due, next_order++, request_id}); }

  CURL* acquire_handle() {
    if (idle_handles.empty()) return curl_easy_init();
    CURL* easy = idle_handles.back();
    idle_handles.pop_back();
    return easy;
  }

  void release_handle(CURL* easy) {
    if (idle_handles.size() < kMaxIdleHandles) {
      idle_handles.push_back(easy);
    } else {
      curl_easy_cleanup(easy);
    }
  }

  // The request's callback is queued and the request forgotten; it must not be used afterwards.
  void complete(Request& request, HttpResponse response) {
    const std::uint64_t id = request.id;  // a copy: erase() destroys `request`
    response.attempts = request.attempts;
    if (request.easy != nullptr) release_handle(request.easy);
    completions.push_back({std::move(request.done), std::move(response)});
    requests.erase(id);
  }

  void fail_before_sending(Request& request, std::string error) {
    HttpResponse response;
    response.error = std::move(error);
    complete(request, std::move(response));
  }

  void start_attempt(Request& request) {
    if (request.easy == nullptr) request.easy = acquire_handle();
    if (request.easy == nullptr) return fail_before_sending(request, "libcurl could not create a transfer");
    std::string problem = request.transfer.prepare(request.easy, request.request, request.policy);
    if (!problem.empty()) return fail_before_sending(request, std::move(problem));
    curl_easy_setopt(request.easy, CURLOPT_PRIVATE, &request);
    const CURLMcode added = curl_multi_add_handle(multi, request.easy);
    if (added != CURLM_OK) return fail_before_sending(request, curl_multi_strerror(added));
    request.in_flight = true;
    ++request.attempts;
  }

  void on_timer(std::uint64_t request_id, Clock::time_point now) {
    const auto found = requests.find(request_id);
    if (found == requests.end()) return;
    Request& request = *found->second;
    if (request.limiter != nullptr && !request.slot_reserved) {
      const Clock::time_point slot = request.limiter->reserve(now);
      request.slot_reserved = true;
      if (slot > now) return schedule(request_id, slot);
    }
    request.slot_reserved = false;
    start_attempt(request);
  }

  void run_due_timers() {
    const Clock::time_point now = Clock::now();
    while (!timers.empty() && timers.top().due <= now) {
      const Timer timer = timers.top();
      timers.pop();
      on_timer(timer.request_id, now);
    }
  }

  // nullopt when the response is final; otherwise how long to wait before the next attempt.
  std::optional<std::chrono::milliseconds> retry_wait(const Request& request, const HttpResponse& response,
                                                      CURLcode code) {
    if (request.attempts > request.policy.max_retries || is_permanent_transport_error(code)) return std::nullopt;
    std::optional<std::chrono::milliseconds> advised;
    try {
      if (request.advice) {
        advised = request.advice(response);
      } else if (is_smtp_url(request.request.url)) {
        advised = default_smtp_retry_advice(response);
      } else if (!repeat_could_duplicate(request.request.method, response.status, code)) {
        // A connector's own advice knows its API (Telegram's retry_after means "not sent");
        // without it, a POST that may have been acted on is not repeated.
        advised = default_retry_advice(response);
      }
    } catch (const std::exception&) {
      return std::nullopt;  // advice that cannot read the answer cannot ask for a retry either
    }
    if (!advised) return std::nullopt;
    return http_retry::retry_delay(*advised, request.policy, request.attempts - 1, random());
  }

  void on_transfer_done(CURL* easy, CURLcode code) {
    char* owner = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &owner);
    curl_multi_remove_handle(multi, easy);
    Request& request = *reinterpret_cast<Request*>(owner);
    request.in_flight = false;
    HttpResponse response = request.transfer.finish(code);
    response.attempts = request.attempts;
    if (const auto wait = retry_wait(request, response, code)) {
      schedule(request.id, Clock::now() + *wait);
    } else {
      complete(request, std::move(response));
    }
  }

  void drive_transfers() {
    int running = 0;
    curl_multi_perform(multi, &running);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      // Copied out first: the message is invalid once its handle is removed.
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      on_transfer_done(easy, code);
    }
  }

  // Popping before the call keeps the queue consistent if a callback throws.
  void run_completions() {
    while (!completions.empty()) {
      Completion completion = std::move(completions.front());
      completions.pop_front();
      if (completion.done) completion.done(std::move(completion.response));
    }
  }

  // How long curl_multi_poll may sleep: until the deadline or the next timer, whichever is first.
  int wait_ms(Clock::time_point deadline) const {
    Clock::time_point until = deadline;
    if (!timers.empty()) until = std::min(until, timers.top().due);
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now());
    return static_cast<int>(std::clamp<std::int64_t>(wait.count(), 0, 60'000));
  }

  void poll(std::chrono::milliseconds max_wait) {
    const Clock::time_point deadline = Clock::now() + max_wait;
    while (true) {
      if (before_transfers) before_transfers();
      run_due_timers();
      drive_transfers();
      if (!completions.empty()) return run_completions();
      if (requests.empty() || Clock::now() >= deadline) return;
      curl_multi_poll(multi, nullptr, 0, wait_ms(deadline), nullptr);
    }
  }

  std::uint64_t random() { return random_engine(); }

  CURLM* multi = nullptr;
  std::unordered_map<std::uint64_t, std::unique_ptr<Request>> requests;  // unique_ptr: curl keeps pointers
  std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers;
  std::deque<Completion> completions;
  std::vector<CURL*> idle_handles;
  std::mt19937_64 random_engine{std::random_device{}()};
  std::uint64_t next_id = 1;
  std::uint64_t next_order = 0;
  bool polling = false;
  std::function<void()> before_transfers;
};

HttpClient::HttpClient() : impl_(std::make_unique<Impl>()) {}

HttpClient::~HttpClient() = default;

void HttpClient::submit(HttpRequest request, const RetryPolicy& policy, RateLimiter* limiter, Callback done,
                        RetryAdvice advice) {
  auto entry = std::make_unique<Impl::Request>();
  entry->id = impl_->next_id++;
  entry->request = std::move(request);
  entry->policy = policy;
  entry->limiter = limiter;
  entry->done = std::move(done);
  entry->advice = std::move(advice);
  // Even the first attempt starts from the timer queue, so submit() never does network work and is
  // safe inside a completion callback.
  impl_->schedule(entry->id, Clock::now());
  impl_->requests.emplace(entry->id, std::move(entry));
}

void HttpClient::poll(std::chrono::milliseconds max_wait) {
  if (impl_->polling)
    throw std::logic_error("HttpClient::poll and perform cannot be called from a completion callback");
  impl_->polling = true;
  struct Reset {
    bool& flag;
    ~Reset() { flag = false; }
  } reset{impl_->polling};
  impl_->poll(max_wait);
}

void HttpClient::set_before_transfers(std::function<void()> hook) {
  impl_->before_transfers = std::move(hook);
}

std::size_t HttpClient::pending() const {
  return impl_->requests.size() + impl_->completions.size();
}

HttpResponse HttpClient::perform(HttpRequest request, const RetryPolicy& policy, RateLimiter* limiter,
                                 RetryAdvice advice) {
  if (impl_->polling) throw std::logic_error("HttpClient::perform cannot be called from a completion callback");
  std::optional<HttpResponse> result;
  submit(
      std::move(request), policy, limiter, [&result](HttpResponse response) { result = std::move(response); },
      std::move(advice));
  while (!result) poll(std::chrono::seconds(1));
  return std::move(*result);
}

}  // namespace flowc::runtime
