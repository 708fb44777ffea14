// HttpClient against real loopback servers: what arrives, retries, timeouts, concurrency,
// keep-alive, rate limits and secrecy of URLs in error texts.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>

#include "loopback_server.hpp"
#include "runtime/http/http.hpp"

namespace flowc::runtime {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test::LoopbackServer;

RetryPolicy fast_policy(int max_retries = 3) {
  RetryPolicy policy;
  policy.max_retries = max_retries;
  policy.base_delay = 5ms;
  policy.max_delay = 50ms;
  policy.timeout = 5s;
  policy.connect_timeout = 2s;
  return policy;
}

HttpRequest get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

std::chrono::milliseconds elapsed_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

void drain(HttpClient& client) {
  const auto give_up = Clock::now() + 10s;
  while (client.pending() > 0 && Clock::now() < give_up) client.poll(100ms);
  ASSERT_EQ(client.pending(), 0u) << "requests still pending after 10 s";
}

TEST(HttpClient, SendsMethodPathHeadersAndBodyExactly) {
  LoopbackServer server;
  std::mutex mutex;
  httplib::Request seen;
  server.server().Post("/items", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    seen = req;
    res.status = 201;
    res.set_header("X-Request-Id", "abc-1");
    res.set_content(R"({"id":7})", "application/json");
  });
  server.start();

  HttpRequest request;
  request.method = "POST";
  request.url = server.url("/items?limit=3");
  request.headers = {{"X-Api-Key", "k-123"}};
  request.common_headers = std::make_shared<const Headers>(
      Headers{{"Content-Type", "application/json"}, {"Accept", "application/json"}});
  request.body = R"({"name":"Ann"})";
  HttpClient client;
  const HttpResponse response = client.perform(request, fast_policy());

  std::lock_guard lock(mutex);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.path, "/items");
  EXPECT_EQ(seen.get_param_value("limit"), "3");
  EXPECT_EQ(seen.get_header_value("X-Api-Key"), "k-123");
  EXPECT_EQ(seen.get_header_value("Content-Type"), "application/json");  // the common headers too
  EXPECT_EQ(seen.get_header_value("Accept"), "application/json");
  EXPECT_FALSE(seen.has_header("Expect"));
  EXPECT_EQ(seen.body, R"({"name":"Ann"})");
  EXPECT_EQ(response.status, 201);
  EXPECT_TRUE(response.ok());
  EXPECT_EQ(response.body, R"({"id":7})");
  EXPECT_EQ(response.header("X-REQUEST-ID"), "abc-1");
  EXPECT_EQ(response.attempts, 1);
  bool lower_cased = false;
  for (const auto& [name, value] : response.headers) lower_cased = lower_cased || name == "x-request-id";
  EXPECT_TRUE(lower_cased);
}

TEST(HttpClient, SendsEveryMethodAsGiven) {
  LoopbackServer server;
  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> seen;  // method, body
  const auto record = [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    seen.emplace_back(req.method, req.body);
    res.set_content("ok", "text/plain");
  };
  server.server().Get("/r", record).Put("/r", record).Patch("/r", record).Delete("/r", record);
  server.start();

  HttpClient client;
  for (const std::string method : {"GET", "PUT", "PATCH", "DELETE"}) {
    HttpRequest request = get(server.url("/r"));
    request.method = method;
    if (method != "GET") request.body = "body of " + method;
    EXPECT_EQ(client.perform(request, fast_policy()).status, 200) << method;
  }
  std::lock_guard lock(mutex);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"GET", ""}, {"PUT", "body of PUT"}, {"PATCH", "body of PATCH"}, {"DELETE", "body of DELETE"}};
  EXPECT_EQ(seen, expected);
}

TEST(HttpClient, ClientErrorIsFinalWithoutRetry) {
  LoopbackServer server;
  std::atomic<int> hits = 0;
  server.server().Get("/missing", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.status = 404;
    res.set_content("no such thing", "text/plain");
  });
  server.start();

  HttpClient client;
  const HttpResponse response = client.perform(get(server.url("/missing")), fast_policy());
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "no such thing");
  EXPECT_TRUE(response.error.empty());
  EXPECT_FALSE(response.ok());
  EXPECT_EQ(response.attempts, 1);
  EXPECT_EQ(hits, 1);
}

TEST(HttpClient, RetriesServiceUnavailableUntilSuccess) {
  LoopbackServer server;
  std::atomic<int> hits = 0;
  server.server().Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
    res.status = ++hits < 3 ? 503 : 200;
    res.set_content("attempt " + std::to_string(hits.load()), "text/plain");
  });
  server.start();

  HttpClient client;
  const HttpResponse response = client.perform(get(server.url("/flaky")), fast_policy());
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "attempt 3");
  EXPECT_EQ(response.attempts, 3);
}

TEST(HttpClient, GivesUpAfterMaxRetriesWithLastAnswer) {
  LoopbackServer server;
  std::atomic<int> hits = 0;
  server.server().Get("/down", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.status = 500;
    res.set_content("still down", "text/plain");
  });
  server.start();

  HttpClient client;
  const HttpResponse response = client.perform(get(server.url("/down")), fast_policy(2));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body, "still down");
  EXPECT_EQ(response.attempts, 3);
  EXPECT_EQ(hits, 3);
}

// A POST that may have reached the service is not repeated on its own (it could create twice);
// one the service refused to act on, or that never connected, is.
struct PostRetryCase {
  const char* name;
  const char* method;
  int status;
  int expected_attempts;
};

class PostRetry : public ::testing::TestWithParam<PostRetryCase> {};

TEST_P(PostRetry, RepeatsOnlyWhenNothingCanHappenTwice) {
  const PostRetryCase& c = GetParam();
  LoopbackServer server;
  std::atomic<int> hits = 0;
  auto handler = [&](const httplib::Request&, httplib::Response& res) {
    res.status = ++hits == 1 ? c.status : 200;
    res.set_content("{}", "application/json");
  };
  server.server().Post("/orders", handler);
  server.server().Patch("/orders", handler);
  server.start();

  HttpRequest request = get(server.url("/orders"));
  request.method = c.method;
  request.body = "{}";
  HttpClient client;
  const HttpResponse response = client.perform(request, fast_policy(2));
  EXPECT_EQ(response.attempts, c.expected_attempts);
  EXPECT_EQ(hits, c.expected_attempts);
}

INSTANTIATE_TEST_SUITE_P(Methods, PostRetry,
                         ::testing::Values(PostRetryCase{"Post500IsFinal", "POST", 500, 1},
                                           PostRetryCase{"Post502IsFinal", "POST", 502, 1},
                                           PostRetryCase{"Post503IsRetried", "POST", 503, 2},
                                           PostRetryCase{"Post429IsRetried", "POST", 429, 2},
                                           PostRetryCase{"Patch500IsRetried", "PATCH", 500, 2}),
                         [](const auto& test_case) { return std::string(test_case.param.name); });

TEST(HttpClient, PostThatNeverConnectedIsRetried) {
  HttpClient client;
  HttpRequest request = get("http://127.0.0.1:" + std::to_string(test::unused_port()) + "/x");
  request.method = "POST";
  const HttpResponse response = client.perform(request, fast_policy(2));
  EXPECT_EQ(response.attempts, 3);
}

TEST(HttpClient, HonoursRetryAfterSeconds) {
  LoopbackServer server;
  std::atomic<int> hits = 0;
  server.server().Get("/busy", [&](const httplib::Request&, httplib::Response& res) {
    if (++hits == 1) {
      res.status = 429;
      res.set_header("Retry-After", "1");
    }
  });
  server.start();

  HttpClient client;
  const auto start = Clock::now();
  const HttpResponse response = client.perform(get(server.url("/busy")), fast_policy());
  EXPECT_GE(elapsed_since(start), 900ms);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.attempts, 2);
}

TEST(HttpClient, ConnectorAdviceOverridesDefaultRule) {
  LoopbackServer server;
  std::atomic<int> hits = 0;
  server.server().Post("/bot/sendMessage", [&](const httplib::Request&, httplib::Response& res) {
    if (++hits == 1) {
      res.status = 400;  // final by the default rule; the connector knows better
      res.set_content(R"({"ok":false,"parameters":{"retry_after":1}})", "application/json");
    } else {
      res.set_content(R"({"ok":true})", "application/json");
    }
  });
  server.start();

  const RetryAdvice advice = [](const HttpResponse& response) -> std::optional<std::chrono::milliseconds> {
    if (response.body.find("retry_after") != std::string::npos) return 20ms;
    return std::nullopt;
  };
  HttpRequest request = get(server.url("/bot/sendMessage"));
  request.method = "POST";
  HttpClient client;
  const HttpResponse response = client.perform(request, fast_policy(), nullptr, advice);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.attempts, 2);
}

// A handler that stalls until the test releases it, so server shutdown never waits long.
class StallingHandler {
 public:
  void operator()(const httplib::Request&, httplib::Response& res) {
    std::unique_lock lock(mutex_);
    released_.wait_for(lock, 5s, [this] { return release_; });
    res.set_content("late", "text/plain");
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      release_ = true;
    }
    released_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  bool release_ = false;
};

TEST(HttpClient, TotalTimeoutEndsTheTransferWithATimeoutError) {
  LoopbackServer server;
  StallingHandler stall;
  server.server().Get("/slow", [&](const httplib::Request& req, httplib::Response& res) { stall(req, res); });
  server.start();

  RetryPolicy policy = fast_policy(0);
  policy.timeout = 300ms;
  HttpClient client;
  const auto start = Clock::now();
  const HttpResponse response = client.perform(get(server.url("/slow")), policy);
  stall.release();
  EXPECT_LT(elapsed_since(start), 2s);
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("timed out"), std::string::npos) << response.error;
  EXPECT_EQ(response.attempts, 1);
}

TEST(HttpClient, ConnectionRefusedIsRetriedThenReported) {
  HttpClient client;
  const RetryPolicy policy = fast_policy(2);
  const HttpResponse response =
      client.perform(get("http://127.0.0.1:" + std::to_string(test::unused_port()) + "/x"), policy);
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.ok());
  EXPECT_NE(response.error.find("onnect"), std::string::npos) << response.error;
  EXPECT_EQ(response.attempts, policy.max_retries + 1);
}

TEST(HttpClient, ManyTransfersRunConcurrently) {
  LoopbackServer server;
  std::atomic<int> now_serving = 0;
  std::atomic<int> most_at_once = 0;
  server.server().Get("/sleep", [&](const httplib::Request&, httplib::Response& res) {
    const int serving = ++now_serving;
    for (int seen = most_at_once; serving > seen && !most_at_once.compare_exchange_weak(seen, serving);) {
    }
    std::this_thread::sleep_for(200ms);
    --now_serving;
    res.set_content("done", "text/plain");
  });
  server.start();

  HttpClient client;
  std::atomic<int> succeeded = 0;
  const auto start = Clock::now();
  for (int i = 0; i < 20; ++i) {
    client.submit(get(server.url("/sleep")), fast_policy(), nullptr, [&](HttpResponse response) {
      if (response.status == 200 && response.body == "done") ++succeeded;
    });
  }
  EXPECT_EQ(client.pending(), 20u);
  drain(client);
  EXPECT_EQ(succeeded, 20);
  EXPECT_GE(most_at_once, 10);
  EXPECT_LT(elapsed_since(start), 1500ms);  // one after another would take 4 s
}

TEST(HttpClient, SequentialRequestsReuseOneConnection) {
  LoopbackServer server;
  std::mutex mutex;
  std::set<int> client_ports;
  server.server().Get("/ping", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    client_ports.insert(req.remote_port);
    res.set_content("pong", "text/plain");
  });
  server.start();

  HttpClient client;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.perform(get(server.url("/ping")), fast_policy()).body, "pong");
  std::lock_guard lock(mutex);
  EXPECT_EQ(client_ports.size(), 1u) << "each request opened its own connection";
}

TEST(HttpClient, RateLimiterSpreadsRequestsOverThePeriod) {
  LoopbackServer server;
  std::atomic<int> hits = 0;
  server.server().Get("/limited", [&](const httplib::Request&, httplib::Response&) { ++hits; });
  server.start();

  HttpClient client;
  RateLimiter limiter(5, 500ms);
  const auto start = Clock::now();
  for (int i = 0; i < 10; ++i) client.submit(get(server.url("/limited")), fast_policy(), &limiter, {});
  drain(client);
  const auto took = elapsed_since(start);
  EXPECT_EQ(hits, 10);
  EXPECT_GE(took, 450ms);  // 5 at once, then one every 100 ms
  EXPECT_LT(took, 2s);
}

TEST(HttpClient, CallbacksMaySubmitButNotPoll) {
  LoopbackServer server;
  server.server().Get("/step",
                      [](const httplib::Request&, httplib::Response& res) { res.set_content("s", "text/plain"); });
  server.start();

  HttpClient client;
  int finished = 0;
  bool poll_refused = false;
  client.submit(get(server.url("/step")), fast_policy(), nullptr, [&](HttpResponse) {
    ++finished;
    try {
      client.poll(1ms);
    } catch (const std::logic_error&) {
      poll_refused = true;
    }
    client.submit(get(server.url("/step")), fast_policy(), nullptr, [&](HttpResponse second) {
      if (second.ok()) ++finished;
    });
  });
  drain(client);
  EXPECT_EQ(finished, 2);
  EXPECT_TRUE(poll_refused);
}

TEST(HttpClient, ThrowingCallbackLosesNoOtherCompletion) {
  LoopbackServer server;
  server.server().Get("/x",
                      [](const httplib::Request&, httplib::Response& res) { res.set_content("x", "text/plain"); });
  server.start();

  HttpClient client;
  int delivered = 0;
  const auto count = [&](HttpResponse) { ++delivered; };
  client.submit(get(server.url("/x")), fast_policy(), nullptr, [](HttpResponse) { throw std::runtime_error("boom"); });
  client.submit(get(server.url("/x")), fast_policy(), nullptr, count);
  bool thrown = false;
  const auto give_up = Clock::now() + 5s;
  while (client.pending() > 0 && Clock::now() < give_up) {
    try {
      client.poll(100ms);
    } catch (const std::runtime_error&) {
      thrown = true;
    }
  }
  EXPECT_TRUE(thrown);
  EXPECT_EQ(delivered, 1);
  EXPECT_EQ(client.pending(), 0u);
}

TEST(HttpClient, TokenInUrlNeverAppearsInErrors) {
  const std::string token = "123456789:AAFsecretTokenValue";
  HttpClient client;
  RetryPolicy policy = fast_policy(0);
  const std::vector<std::string> urls{
      "http://127.0.0.1:" + std::to_string(test::unused_port()) + "/bot" + token + "/sendMessage",
      "http://127.0.0.1:99999/bot" + token + "/sendMessage",  // malformed: port out of range
      "ftp://127.0.0.1/bot" + token,                          // refused protocol
      "http://user:" + token + "@127.0.0.1:" + std::to_string(test::unused_port()) + "/",
  };
  for (const std::string& url : urls) {
    const HttpResponse response = client.perform(get(url), policy);
    EXPECT_FALSE(response.error.empty()) << url;
    EXPECT_EQ(response.error.find("AAFsecret"), std::string::npos) << response.error;
    EXPECT_EQ(response.error.find("sendMessage"), std::string::npos) << response.error;
  }
}

TEST(HttpClient, TimeoutErrorDoesNotRevealTheUrl) {
  LoopbackServer server;
  StallingHandler stall;
  server.server().Get(R"(/bot(.+)/getUpdates)",
                      [&](const httplib::Request& req, httplib::Response& res) { stall(req, res); });
  server.start();

  RetryPolicy policy = fast_policy(0);
  policy.timeout = 200ms;
  HttpClient client;
  const HttpResponse response = client.perform(get(server.url("/botSECRETTOKEN42/getUpdates")), policy);
  stall.release();
  EXPECT_NE(response.error.find("timed out"), std::string::npos) << response.error;
  EXPECT_EQ(response.error.find("SECRETTOKEN42"), std::string::npos) << response.error;
}

TEST(HttpClient, HeaderWithLineBreakIsRefusedBeforeSending) {
  HttpClient client;
  HttpRequest request = get("http://127.0.0.1:" + std::to_string(test::unused_port()) + "/");
  request.headers = {{"Authorization", "Bearer abc\r\nX-Injected: 1"}};
  const HttpResponse response = client.perform(request, fast_policy());
  EXPECT_EQ(response.attempts, 0);
  EXPECT_NE(response.error.find("line break"), std::string::npos) << response.error;
  EXPECT_EQ(response.error.find("Bearer"), std::string::npos) << response.error;
}

TEST(HttpClient, CommonHeadersAreCheckedLikeTheRequestsOwn) {
  HttpClient client;
  HttpRequest request = get("http://127.0.0.1:" + std::to_string(test::unused_port()) + "/");
  request.common_headers = std::make_shared<const Headers>(Headers{{"Bad Name", "x"}});
  const HttpResponse response = client.perform(request, fast_policy());
  EXPECT_EQ(response.attempts, 0);
  EXPECT_EQ(response.error, "the header name \"Bad Name\" is not valid");
}

TEST(HttpClient, EmptyUrlIsAClearError) {
  HttpClient client;
  const HttpResponse response = client.perform(HttpRequest{}, fast_policy());
  EXPECT_EQ(response.attempts, 0);
  EXPECT_EQ(response.error, "the request has no URL");
}

}  // namespace
}  // namespace flowc::runtime
