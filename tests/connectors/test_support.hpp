// Shared by the connector tests: a real loopback HTTP server that records what it received, an
// account built from JSON, and a driver that runs an exchange to its outcome through a real
// HttpClient the way the interpreter does.
#pragma once

#include <httplib.h>
#include <rapidjson/document.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "runtime/connector.hpp"

namespace flowc::runtime::testing {

struct ReceivedRequest {
  std::string method;
  std::string path;    // decoded path without the query
  std::string target;  // raw path and query as sent
  httplib::Params params;
  httplib::Headers headers;
  std::string body;

  std::string header(const std::string& name) const;
  std::string param(const std::string& name) const;
  rapidjson::Document json() const;  // the body parsed; fails the test when it is not JSON
};

// An httplib server on 127.0.0.1 and a free port, serving until destroyed.
class LoopbackServer {
 public:
  LoopbackServer();
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // Adds a route (before start()); every request it serves is recorded.
  void handle(const std::string& method, const std::string& pattern, httplib::Server::Handler handler);
  // One request per connection: for a server that may outlive its clients' keep-alive
  // connections, whose idle wait would otherwise hold its destructor for seconds.
  void close_after_each_request() { server_.set_keep_alive_max_count(1); }
  void start();
  std::string url() const;  // http://127.0.0.1:<port>
  std::vector<ReceivedRequest> received() const;

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> received_;
};

rapidjson::Document json(const std::string& text);

// The built-in set's send `connector`.`action` (the engine's for a connector described by a manifest).
const SendAction& builtin_send(std::string_view connector, std::string_view action);
// The same for a source.
const SourceAction& builtin_source(std::string_view connector, std::string_view action);

// An account whose settings come from JSON, with fast retries so failure paths finish quickly.
struct TestAccount {
  explicit TestAccount(const std::string& settings_json, std::string connector = "test");
  rapidjson::Document settings;
  AccountConfig config;
};

struct ExchangeRun {
  SendOutcome outcome;
  std::vector<HttpRequest> requests;  // as the connector built them
  std::vector<std::string> notes;
};

// Runs the exchange of `action` for `fields` to its outcome.
ExchangeRun run_exchange(const SendAction& action, const rapidjson::Value& fields, const AccountConfig& account,
                         HttpClient& http);

// A URL on 127.0.0.1 where nothing listens.
std::string closed_port_url();

}  // namespace flowc::runtime::testing
