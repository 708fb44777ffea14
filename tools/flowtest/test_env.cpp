#include "tools/flowtest/test_env.hpp"

#include <cstdlib>

#include "tools/sandbox/flow_binding.hpp"

namespace flowc::flowtest {

namespace {

// libcurl takes its proxy from these variables for every transfer. Pointing them at a closed
// loopback port makes a request to any real host (an `http.request` with an absolute url) fail
// at once instead of reaching the network; loopback itself is exempt, so the stand-ins answer.
constexpr const char* kClosedProxy = "http://127.0.0.1:9";
constexpr const char* kProxyVariables[] = {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"};
constexpr const char* kNoProxyVariables[] = {"no_proxy", "NO_PROXY"};

}  // namespace

TestEnv::TestEnv(const TestSpec& spec, const ir::Flow& flow) {
  for (const auto& [name, value] : spec.env) set(name, value);
  for (const char* name : kProxyVariables) set(name, kClosedProxy);
  for (const char* name : kNoProxyVariables) set(name, "127.0.0.1,localhost");
  // Variables nobody set get the sandbox's fixed test values; they are the same for every test,
  // so leaving them set cannot change the outcome of a later one.
  sandbox::fill_missing_env(flow);
}

TestEnv::~TestEnv() {
  for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
    if (it->second) {
      ::setenv(it->first.c_str(), it->second->c_str(), 1);
    } else {
      ::unsetenv(it->first.c_str());
    }
  }
}

void TestEnv::set(const std::string& name, const std::string& value) {
  const char* old = std::getenv(name.c_str());
  saved_.emplace_back(name, old == nullptr ? std::nullopt : std::optional<std::string>(old));
  ::setenv(name.c_str(), value.c_str(), 1);
}

}  // namespace flowc::flowtest
