// The least a libcurl sender can do: the end-to-end benchmark's PATCHes (the same URL, headers
// and body as bench/patch.lua) from one curl multi handle at a fixed concurrency, each easy handle
// reused with its options set once, and nothing else: no flow, no state, no output. flowc must
// speak HTTP through libcurl, so this is its floor on the machine, measured beside wrk.
#include <curl/curl.h>
#include <fmt/format.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
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
  FloorClient(std::string base_url, std::uint64_t rows) : base_url_(std::move(base_url)), rows_(rows) {
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

  // Sends rows 1..ROWS with `concurrency` requests in flight; returns how many were answered 2xx.
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
      curl_multi_perform(multi_, &running);
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
    const std::uint64_t n = ++started_;
    sender.url = fmt::format("{}/agreements/{}", base_url_, n);
    sender.body = fmt::format(R"({{"title":"Product {} x {}","total":{}.50}})", n % 97, n % 5 + 1, n % 1000);
    curl_easy_setopt(sender.easy, CURLOPT_URL, sender.url.c_str());
    curl_easy_setopt(sender.easy, CURLOPT_POSTFIELDS, sender.body.c_str());
    curl_easy_setopt(sender.easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(sender.body.size()));
    curl_multi_add_handle(multi_, sender.easy);
  }

  std::string base_url_;
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
  if (argc < 3) throw std::invalid_argument("usage: curl BASE_URL CONCURRENCY ROWS");
  const auto concurrency = static_cast<std::size_t>(std::strtoul(argv[1], nullptr, 10));
  const std::uint64_t rows = std::strtoull(argv[2], nullptr, 10);
  if (concurrency == 0 || rows == 0) throw std::invalid_argument("CONCURRENCY and ROWS must be positive");
  curl_global_init(CURL_GLOBAL_DEFAULT);
  FloorClient client(argv[0], rows);
  const double started = now_seconds();
  const std::uint64_t answered = client.run(concurrency);
  const double seconds = now_seconds() - started;
  curl_global_cleanup();
  if (answered != rows) throw std::runtime_error(fmt::format("{} of {} PATCHes failed", rows - answered, rows));
  fmt::print("rows={}\nseconds={:.3f}\nrows_per_s={:.0f}\n", rows, seconds, static_cast<double>(rows) / seconds);
  return 0;
}

}  // namespace flowc::bench
