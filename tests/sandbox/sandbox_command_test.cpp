// `flowc sandbox` as a person runs it: prints the endpoints, logs each request to stderr, stops
// cleanly on SIGINT, and refuses bad flags with a usage error.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

namespace {

// A child process running flowc with its stdout and stderr captured.
class FlowcProcess {
 public:
  explicit FlowcProcess(std::vector<std::string> args) {
    int out[2];
    int err[2];
    EXPECT_EQ(::pipe(out), 0);
    EXPECT_EQ(::pipe(err), 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::dup2(err[1], STDERR_FILENO);
      ::close(out[0]);
      ::close(err[0]);
      std::vector<char*> argv{const_cast<char*>(FLOWC_BINARY)};
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(FLOWC_BINARY, argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    stdout_ = out[0];
    stderr_ = err[0];
  }
  ~FlowcProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(stdout_);
    ::close(stderr_);
  }

  // Reads stdout until `pattern` matches (or 10 s pass); returns the first capture group.
  std::string wait_for_stdout(const std::regex& pattern) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::smatch match;
    while (std::chrono::steady_clock::now() < deadline) {
      if (std::regex_search(out_text_, match, pattern)) return match[1];
      if (!read_some(stdout_, out_text_, 100)) break;
    }
    return "";
  }

  // Sends `signal`, waits for the exit, collects the rest of stderr; returns the exit code.
  int stop(int signal) {
    ::kill(pid_, signal);
    return wait();
  }

  int wait() {
    int status = 0;
    while (read_some(stderr_, err_text_, 10'000)) {
    }
    ::waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  const std::string& err_text() const { return err_text_; }

 private:
  static bool read_some(int fd, std::string& into, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return true;  // nothing yet, not closed
    char buffer[4096];
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) return false;
    into.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int stdout_ = -1;
  int stderr_ = -1;
  bool exited_ = false;
  std::string out_text_;
  std::string err_text_;
};

TEST(SandboxCommand, ServesLogsAndStopsOnSigint) {
  FlowcProcess flowc({"sandbox", "--port", "0", "--smtp-port", "0", "--data", FLOWC_SOURCE_DIR "/samples/data"});
  std::string port = flowc.wait_for_stdout(std::regex(R"(keepincrm\s+http://127\.0\.0\.1:(\d+)/keepincrm/v1)"));
  ASSERT_FALSE(port.empty()) << "no endpoint line on stdout";

  httplib::Client client("127.0.0.1", std::stoi(port));
  auto orders = client.Get("/keepincrm/v1/agreements?q[id_eq]=1001", {{"X-Auth-Token", "t"}});
  ASSERT_TRUE(orders);
  EXPECT_EQ(orders->status, 200);
  EXPECT_NE(orders->body.find("Chair x 1"), std::string::npos);  // seeded from samples/data
  client.Post("/telegram/bot42:SECRET/sendMessage", R"({"chat_id":1,"text":"hi"})", "application/json");

  EXPECT_EQ(flowc.stop(SIGINT), 0);
  EXPECT_NE(flowc.err_text().find("keepincrm GET /keepincrm/v1/agreements?q[id_eq]=1001 -> 200"), std::string::npos)
      << flowc.err_text();
  EXPECT_NE(flowc.err_text().find("telegram POST /telegram/bot<redacted>/sendMessage -> 200"), std::string::npos);
  EXPECT_EQ(flowc.err_text().find("SECRET"), std::string::npos);
}

// One endpoint line per stand-in of the list, in its order, then the sandbox's own endpoints.
TEST(SandboxCommand, PrintsAnEndpointForEveryStandIn) {
  FlowcProcess flowc({"sandbox", "--port", "0", "--smtp-port", "0"});
  const std::string endpoints = flowc.wait_for_stdout(std::regex(R"(\n((?:.|\n)*)Ctrl-C stops)"));
  ASSERT_FALSE(endpoints.empty()) << "no endpoint list on stdout";
  EXPECT_TRUE(std::regex_search(
      endpoints, std::regex(R"(^  keepincrm  http://127\.0\.0\.1:(\d+)/keepincrm/v1\n)"
                            R"(  telegram   http://127\.0\.0\.1:\1/telegram\n)"
                            R"(  sheets     http://127\.0\.0\.1:\1/sheets   \(service-account token endpoint: )"
                            R"(http://127\.0\.0\.1:\1/sheets/token\)\n)"
                            R"(  http       http://127\.0\.0\.1:\1/http\n)"
                            R"(  smtp       smtp://127\.0\.0\.1:\d+\n)"
                            R"(  others     http://127\.0\.0\.1:\1/examples/NAME .*\n  log )")))
      << endpoints;
  EXPECT_EQ(flowc.stop(SIGINT), 0);
}

TEST(SandboxCommand, BadFlagsAreUsageErrors) {
  FlowcProcess rate({"sandbox", "--failure-rate", "2"});
  EXPECT_EQ(rate.wait(), 2);
  FlowcProcess burst({"sandbox", "--port", "0", "--smtp-port", "0", "--burst-5xx-length", "3"});
  EXPECT_EQ(burst.wait(), 2);
  EXPECT_NE(burst.err_text().find("burst-5xx-length needs burst-5xx-every"), std::string::npos) << burst.err_text();
  FlowcProcess regex({"sandbox", "--port", "0", "--smtp-port", "0", "--reject-orders", "(["});
  EXPECT_EQ(regex.wait(), 2);
  EXPECT_NE(regex.err_text().find("reject-orders: bad regex"), std::string::npos) << regex.err_text();
}

}  // namespace
