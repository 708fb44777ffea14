// TLS verification against a real TLS server with a self-signed certificate (`openssl s_server`):
// refused by default, accepted only when the request carries insecure_tls (an account's
// `insecure_tls = true`).
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "runtime/http/http.hpp"

extern char** environ;

namespace flowc::runtime {
namespace {

using namespace std::chrono_literals;

int free_port() {
  static int next = 20000 + static_cast<int>(getpid() % 20000);
  return next++;
}

// `openssl s_server -www` on loopback with a fresh self-signed certificate; stopped on destruction.
class SelfSignedServer {
 public:
  SelfSignedServer() {
    dir_ = std::filesystem::temp_directory_path() / ("flowc-tls-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    const std::string cert = (dir_ / "cert.pem").string();
    const std::string key = (dir_ / "key.pem").string();
    const std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 -keyout " + key +
                             " -out " + cert + " >/dev/null 2>&1";
    if (std::system(make.c_str()) != 0) return;
    port_ = free_port();
    std::vector<std::string> args{"openssl", "s_server", "-quiet", "-www", "-accept", std::to_string(port_),
                                  "-cert", cert, "-key", key};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "openssl", nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~SelfSignedServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove_all(dir_);
  }
  bool started() const { return pid_ > 0; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

RetryPolicy no_retries() {
  RetryPolicy policy;
  policy.max_retries = 0;
  policy.timeout = 5s;
  policy.connect_timeout = 2s;
  return policy;
}

// The server needs a moment to listen; a refused connection is retried for up to 5 s.
HttpResponse get_when_listening(HttpClient& client, const std::string& url, bool insecure) {
  HttpResponse response;
  for (int attempt = 0; attempt < 50; ++attempt) {
    HttpRequest request;
    request.url = url;
    request.insecure_tls = insecure;
    response = client.perform(std::move(request), no_retries());
    if (response.error.find("onnect") == std::string::npos) break;
    std::this_thread::sleep_for(100ms);
  }
  return response;
}

TEST(TlsVerification, SelfSignedCertificateIsRefusedUnlessInsecureTls) {
  SelfSignedServer server;
  if (!server.started()) GTEST_SKIP() << "the openssl command is not available";
  HttpClient client;
  const HttpResponse verified = get_when_listening(client, server.url(), false);
  EXPECT_EQ(verified.status, 0);
  EXPECT_NE(verified.error.find("certificate"), std::string::npos) << verified.error;

  const HttpResponse insecure = get_when_listening(client, server.url(), true);
  EXPECT_EQ(insecure.status, 200) << insecure.error;

  // The exception does not stick to the connection or handle: the next verified request fails again.
  const HttpResponse again = get_when_listening(client, server.url(), false);
  EXPECT_EQ(again.status, 0) << "a reused connection skipped verification";
}

}  // namespace
}  // namespace flowc::runtime
