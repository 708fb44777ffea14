// The client leaves proxy settings to libcurl, which reads http_proxy / no_proxy from the
// environment; the deployment's proxy must keep working.
#include <gtest/gtest.h>

#include <cstdlib>
#include <mutex>
#include <optional>

#include "loopback_server.hpp"
#include "runtime/http/http.hpp"

namespace flowc::runtime {
namespace {

using namespace std::chrono_literals;

// Sets (or clears, for nullopt) an environment variable for one scope, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? ::setenv(name, value->c_str(), 1) : ::unsetenv(name);
  }
  ~ScopedEnv() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(HttpProxy, RequestsGoThroughTheProxyFromTheEnvironment) {
  test::LoopbackServer proxy;
  std::mutex mutex;
  std::string asked_for;
  proxy.server().Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    asked_for = req.path;  // a proxy receives the absolute URL
    res.set_content("via proxy", "text/plain");
  });
  proxy.start();

  const ScopedEnv proxy_env("http_proxy", proxy.url(""));
  const ScopedEnv no_proxy_lower("no_proxy", std::nullopt);
  const ScopedEnv no_proxy_upper("NO_PROXY", std::nullopt);
  HttpRequest request;
  request.url = "http://flowc-proxy-check.invalid/hello";
  RetryPolicy policy;
  policy.max_retries = 0;
  policy.timeout = 5s;
  HttpClient client;
  const HttpResponse response = client.perform(request, policy);

  EXPECT_EQ(response.status, 200) << response.error;
  EXPECT_EQ(response.body, "via proxy");
  std::lock_guard lock(mutex);
  EXPECT_EQ(asked_for, "http://flowc-proxy-check.invalid/hello");
}

// Loopback test servers must be reached directly even where the machine has a proxy configured.
class DirectLoopback : public ::testing::Environment {
 public:
  void SetUp() override {
    ::setenv("no_proxy", "127.0.0.1,localhost,::1", 1);
    ::setenv("NO_PROXY", "127.0.0.1,localhost,::1", 1);
  }
};
const auto* const direct_loopback = ::testing::AddGlobalTestEnvironment(new DirectLoopback);

}  // namespace
}  // namespace flowc::runtime
