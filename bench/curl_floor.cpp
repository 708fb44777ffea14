// The least a libcurl sender can do: the end-to-end benchmark's PATCHes (the same URL, headers
// and body as bench/patch.lua) from one curl multi handle at a fixed concurrency, each easy handle
// reused with its options set once, and nothing else: no flow, no state, no output. flowc must
// speak HTTP through libcurl from one event loop, so this is its floor on the machine, measured
// beside wrk. With THREADS > 1, each thread runs such a loop over its share of the rows and of the
// concurrency: what more than one event loop could reach.
#include <curl/curl.h>
#include <fmt/format.h>

#include <atomic>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench/measure.hpp"
#include "bench/modes.hpp"

namespace flowc::bench {
namespace {

std::size_t discard(char* /*data*/, std::size_t size, std::size_t count, void* /*unused*/) {
  return size * count;
}

struct Sender {
  CURL* easy = nullptr;
  std::string url;
  std::string body;
};

class FloorClient {
 public:
  // Sends the ids first_id .. first_id + rows - 1.
  FloorClient(std::string base_url, std::uint64_t first_id, std::uint64_t rows)
      : base_url_(std::move(base_url)), first_id_(first_id), rows_(rows) {
    headers_ = curl_slist_append(headers_, "X-Auth-Token: bench-key");
    headers_ = curl_slist_append(headers_, "Accept: application/json");
    headers_ = curl_slist_append(headers_, "Content-Type: application/json");
    headers_ = curl_slist_append(headers_, "Expect:");
    multi_ = curl_multi_init();
  }
  ~FloorClient() {
    for (Sender& sender : senders_) {
      curl_multi_remove_handle(multi_, sender.easy);
      curl_easy_cleanup(sender.easy);
    }
    curl_multi_cleanup(multi_);
    curl_slist_free_all(headers_);
  }
  FloorClient(const FloorClient&) = delete;
  FloorClient& operator=(const FloorClient&) = delete;

  // Sends the rows with `concurrency` requests in flight; returns how many were answered 2xx.
  std::uint64_t run(std::size_t concurrency) {
    senders_.resize(concurrency);
    for (Sender& sender : senders_) {
      sender.easy = curl_easy_init();
      curl_easy_setopt(sender.easy, CURLOPT_CUSTOMREQUEST, "PATCH");
      curl_easy_setopt(sender.easy, CURLOPT_HTTPHEADER, headers_);
      curl_easy_setopt(sender.easy, CURLOPT_WRITEFUNCTION, &discard);
      curl_easy_setopt(sender.easy, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(sender.easy, CURLOPT_TIMEOUT_MS, 20'000L);  // a stuck service fails the run, not hangs it
      curl_easy_setopt(sender.easy, CURLOPT_PRIVATE, &sender);
      if (started_ < rows_) start_next(sender);
    }
    while (answered_ + failed_ < rows_) {
      int running = 0;
      const CURLMcode performed = curl_multi_perform(multi_, &running);
      if (performed != CURLM_OK) {
        throw std::runtime_error(std::string("curl_multi_perform: ") + curl_multi_strerror(performed));
      }
      int queued = 0;
      bool started_more = false;
      while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
        if (message->msg != CURLMSG_DONE) continue;
        CURL* easy = message->easy_handle;
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        const bool answered_2xx = message->data.result == CURLE_OK && status / 100 == 2;
        ++(answered_2xx ? answered_ : failed_);
        Sender* sender = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &sender);
        curl_multi_remove_handle(multi_, easy);
        if (started_ < rows_) {
          start_next(*sender);
          started_more = true;
        }
      }
      // A handle just added goes out at the next perform, not after a wait.
      if (!started_more && answered_ + failed_ < rows_) curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
    }
    return answered_;
  }

 private:
  void start_next(Sender& sender) {
    const std::uint64_t n = first_id_ + started_++;
    sender.url = fmt::format("{}/agreements/{}", base_url_, n);
    sender.body = fmt::format(R"({{"title":"Product {} x {}","total":{}.50}})", n % 97, n % 5 + 1, n % 1000);
    curl_easy_setopt(sender.easy, CURLOPT_URL, sender.url.c_str());
    curl_easy_setopt(sender.easy, CURLOPT_POSTFIELDS, sender.body.c_str());
    curl_easy_setopt(sender.easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(sender.body.size()));
    const CURLMcode added = curl_multi_add_handle(multi_, sender.easy);
    if (added != CURLM_OK) {
      throw std::runtime_error(std::string("curl_multi_add_handle: ") + curl_multi_strerror(added));
    }
  }

  std::string base_url_;
  std::uint64_t first_id_;
  std::uint64_t rows_;
  std::uint64_t started_ = 0;
  std::uint64_t answered_ = 0;  // with a 2xx status
  std::uint64_t failed_ = 0;
  curl_slist* headers_ = nullptr;
  CURLM* multi_ = nullptr;
  std::vector<Sender> senders_;
};

}  // namespace

int curl_floor_bench(int argc, char** argv) {
  if (argc < 3) throw std::invalid_argument("usage: curl BASE_URL CONCURRENCY ROWS [THREADS]");
  const auto concurrency = static_cast<std::size_t>(std::strtoul(argv[1], nullptr, 10));
  const std::uint64_t rows = std::strtoull(argv[2], nullptr, 10);
  const auto threads = static_cast<std::size_t>(argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 1);
  if (threads == 0 || concurrency < threads || rows < threads) {
    throw std::invalid_argument("THREADS must be at least 1, and CONCURRENCY and ROWS at least THREADS");
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::atomic<std::uint64_t> answered{0};
  std::vector<std::exception_ptr> failures(threads);  // one slot a thread: no lock needed
  const double started = now_seconds();
  {
    std::vector<std::jthread> loops;
    for (std::size_t t = 0; t < threads; ++t) {
      const std::uint64_t first = rows * t / threads;
      const std::uint64_t last = rows * (t + 1) / threads;
      const std::size_t share = concurrency * (t + 1) / threads - concurrency * t / threads;
      loops.emplace_back([&answered, &failure = failures[t], base_url = std::string(argv[0]), first, last, share] {
        try {
          FloorClient client(base_url, first + 1, last - first);
          answered += client.run(share);
        } catch (...) {
          failure = std::current_exception();  // rethrown below, on the main thread
        }
      });
    }
  }
  const double seconds = now_seconds() - started;
  curl_global_cleanup();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  if (answered != rows) throw std::runtime_error(fmt::format("{} of {} PATCHes failed", rows - answered, rows));
  fmt::print("rows={}\nseconds={:.3f}\nrows_per_s={:.0f}\n", rows, seconds, static_cast<double>(rows) / seconds);
  return 0;
}

}  // namespace flowc::bench
