#include "tests/connectors/test_support.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "connectors/list.hpp"

namespace flowc::runtime::testing {

std::string ReceivedRequest::header(const std::string& name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

std::string ReceivedRequest::param(const std::string& name) const {
  auto found = params.find(name);
  return found == params.end() ? std::string() : found->second;
}

rapidjson::Document ReceivedRequest::json() const {
  rapidjson::Document document;
  document.Parse(body.c_str());
  EXPECT_FALSE(document.HasParseError()) << "not JSON: " << body;
  return document;
}

LoopbackServer::LoopbackServer() {
  port_ = server_.bind_to_any_port("127.0.0.1");
}

void LoopbackServer::handle(const std::string& method, const std::string& pattern, httplib::Server::Handler handler) {
  // Recorded inside the route, before answering: the logger runs only after the answer went out
  // (too late for a test that looks as soon as its answer arrived) and a pre-routing handler runs
  // before the body is read.
  auto recording = [this, handler = std::move(handler)](const httplib::Request& request, httplib::Response& response) {
    {
      std::lock_guard lock(mutex_);
      received_.push_back(
          {request.method, request.path, request.target, request.params, request.headers, request.body});
    }
    handler(request, response);
  };
  if (method == "GET") server_.Get(pattern, recording);
  if (method == "POST") server_.Post(pattern, recording);
  if (method == "PUT") server_.Put(pattern, recording);
  if (method == "PATCH") server_.Patch(pattern, recording);
  if (method == "DELETE") server_.Delete(pattern, recording);
}

LoopbackServer::~LoopbackServer() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

void LoopbackServer::start() {
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // stop() is a no-op until the accept loop runs, so a test that ends before any request would
  // otherwise leave the destructor joining a server that never stops.
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

std::string LoopbackServer::url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

std::vector<ReceivedRequest> LoopbackServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

rapidjson::Document json(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  EXPECT_FALSE(document.HasParseError()) << "bad test JSON: " << text;
  return document;
}

TestAccount::TestAccount(const std::string& settings_json, std::string connector) : settings(json(settings_json)) {
  config.name = "acct";
  config.connector = std::move(connector);
  config.settings = &settings;
  config.retry.max_retries = 2;
  config.retry.base_delay = std::chrono::milliseconds(1);
  config.retry.max_delay = std::chrono::milliseconds(5);
  config.retry.timeout = std::chrono::milliseconds(5000);
  config.retry.connect_timeout = std::chrono::milliseconds(2000);
}

ExchangeRun run_exchange(const SendAction& action, const rapidjson::Value& fields, const AccountConfig& account,
                         HttpClient& http) {
  ExchangeRun run;
  auto exchange = action.begin(fields, account);
  ExchangeStep step = exchange->start();
  for (int guard = 0; step.request && guard < 50; ++guard) {
    run.requests.push_back(*step.request);
    run.notes.push_back(step.note);
    std::optional<HttpResponse> answer;
    http.submit(
        *step.request, account.retry, account.limiter,
        [&answer](HttpResponse response) { answer = std::move(response); }, step.advice);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!answer && std::chrono::steady_clock::now() < deadline) http.poll(std::chrono::milliseconds(50));
    if (!answer) {
      ADD_FAILURE() << "no answer to " << step.request->method << " within 30s";
      return run;
    }
    step = exchange->on_response(*answer);
  }
  EXPECT_TRUE(step.outcome.has_value()) << "the exchange neither sent nor finished";
  if (step.outcome) run.outcome = std::move(*step.outcome);
  return run;
}

std::string closed_port_url() {
  // Bind a port and close it again without listening: connecting there is refused at once.
  int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(socket_fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
}

const SendAction& builtin_send(std::string_view connector, std::string_view action) {
  const SendAction* send = connectors::installed_connectors().find_send(connector, action);
  if (send == nullptr) throw std::logic_error("no built-in send " + std::string(connector) + "." + std::string(action));
  return *send;
}

const SourceAction& builtin_source(std::string_view connector, std::string_view action) {
  const SourceAction* source = connectors::installed_connectors().find_source(connector, action);
  if (source == nullptr)
    throw std::logic_error("no built-in source " + std::string(connector) + "." + std::string(action));
  return *source;
}

}  // namespace flowc::runtime::testing
