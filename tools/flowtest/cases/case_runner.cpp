#include "tools/flowtest/cases/case_runner.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "base/json/json_util.hpp"
#include "base/json/json_writer.hpp"
#include "runtime/manifest_engine/manifest_send.hpp"
#include "runtime/manifest_engine/source/manifest_source.hpp"
#include "tools/sandbox/stubs/example_stub.hpp"

namespace flowc::flowtest {

namespace {

struct Received {
  std::string method;
  std::string path;
  httplib::Params params;
  httplib::Headers headers;
  std::string body;
};

// The path part of a base URL (`https://slack.com/api` -> `/api`), without a trailing slash.
std::string path_of(std::string_view url) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  std::string path(slash == std::string_view::npos ? std::string_view() : url.substr(slash));
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

// One loopback server for a connector's cases: it answers from the manifest's examples, the one the
// running case names first, and keeps what it received.
class ExampleServer {
 public:
  explicit ExampleServer(const manifest::ConnectorManifest& connector)
      : connector_(connector), prefix_(path_of(connector.base_url)) {
    auto handler = [this](const httplib::Request& request, httplib::Response& response) { answer(request, response); };
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    server_.Put(".*", handler);
    server_.Patch(".*", handler);
    server_.Delete(".*", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~ExampleServer() {
    server_.stop();
    thread_.join();
  }

  std::string base_url() const { return fmt::format("http://127.0.0.1:{}{}", port_, prefix_); }
  void expect(std::string action, std::string example) {
    std::lock_guard lock(mutex_);
    action_ = std::move(action);
    example_ = std::move(example);
    received_.clear();
  }
  std::vector<Received> received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void answer(const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    std::string_view path = request.path;
    if (path.starts_with(prefix_)) path.remove_prefix(prefix_.size());
    if (path != sandbox::kExampleTokenPath)
      received_.push_back({request.method, request.path, request.params, request.headers, request.body});
    const sandbox::QueryParams params(request.params.begin(), request.params.end());
    const sandbox::StubResponse stub = sandbox::example_answer(connector_, request.method, path, params, {action_, example_});
    response.status = stub.status;
    for (const auto& [name, value] : stub.headers) response.set_header(name, value);
    response.set_content(stub.body, "application/json");
  }

  const manifest::ConnectorManifest& connector_;
  std::string prefix_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::string action_;
  std::string example_;
  std::vector<Received> received_;
};

// The case file's account, pointed at the server: its base URL and every token endpoint.
rapidjson::Document account_settings(const manifest::ConnectorManifest& connector, const CaseFile& cases,
                                     const std::string& base_url) {
  rapidjson::Document settings;
  settings.CopyFrom(*cases.account, settings.GetAllocator());
  json::set_string(settings, "base_url", base_url, settings.GetAllocator());
  for (const manifest::Auth& auth : connector.auth)
    if (!auth.token_url_field.empty())
      json::set_string(settings, auth.token_url_field, base_url + std::string(sandbox::kExampleTokenPath),
                       settings.GetAllocator());
  return settings;
}

std::string shown(const rapidjson::Value& value) { return to_json(value); }

void compare_request(const ExpectedRequest& expected, const std::vector<Received>& received, bool source,
                     std::vector<std::string>& out) {
  if (received.empty()) {
    out.emplace_back("request: the server received none");
    return;
  }
  // A send's own request is its last (a lookup searches first); a listing's first page is its first.
  const Received& actual = source ? received.front() : received.back();
  auto differ = [&out](std::string_view what, const std::string& want, const std::string& got) {
    if (want != got) out.push_back(fmt::format("request.{}: expected {}, got {}", what, want, got));
  };
  if (expected.method) differ("method", *expected.method, actual.method);
  if (expected.path) differ("path", *expected.path, actual.path);
  for (const auto& [name, value] : expected.query) {
    const auto found = actual.params.find(name);
    differ("query." + name, value, found == actual.params.end() ? std::string("(none)") : found->second);
  }
  for (const auto& [name, value] : expected.headers) {
    const auto found = actual.headers.find(name);
    differ("headers." + name, value, found == actual.headers.end() ? std::string("(none)") : found->second);
  }
  if (!expected.body) return;
  if (expected.body->IsString()) return differ("body", expected.body->GetString(), actual.body);
  const auto parsed = json::parse_json(actual.body);
  if (!parsed || *parsed != *expected.body)
    out.push_back(fmt::format("request.body: expected {}, got {}", shown(*expected.body), actual.body));
}

void compare_send(const ExpectedOutcome& expected, const runtime::SendOutcome& outcome, std::vector<std::string>& out) {
  auto differ = [&out](std::string_view what, const std::string& want, const std::string& got) {
    if (want != got) out.push_back(fmt::format("{}: expected {}, got {}", what, want, got));
  };
  if (expected.result) differ("result", *expected.result, outcome.success ? "success" : "fail");
  if (expected.status) differ("status", std::to_string(*expected.status), std::to_string(outcome.status));
  if (expected.errors) differ("errors", *expected.errors, outcome.errors);
  for (const auto& [name, value] : expected.fields) {
    const auto* field = outcome.response.IsObject() ? json::member_path(outcome.response, name) : nullptr;
    const std::string got = field == nullptr ? std::string("(none)")
                            : field->IsObject() || field->IsArray() ? to_json(*field)
                                                                    : json::scalar_text(field).value_or("");
    differ("fields." + name, value, got);
  }
}

runtime::RetryPolicy no_retries() {
  runtime::RetryPolicy policy;
  policy.max_retries = 0;  // an example answer is final: a declared 429 is read, not waited out
  policy.timeout = std::chrono::milliseconds(10'000);
  return policy;
}

void run_send(const runtime::SendAction& action, const ConnectorCase& one, const runtime::AccountConfig& account,
              runtime::HttpClient& http, std::vector<std::string>& out) {
  auto exchange = action.begin(*one.fields, account);
  runtime::ExchangeStep step = exchange->start();
  while (step.request) step = exchange->on_response(http.perform(std::move(*step.request), account.retry));
  if (!step.outcome) {
    out.emplace_back("the send ended without an outcome");
    return;
  }
  compare_send(one.expect, *step.outcome, out);
}

void run_source(const runtime::SourceAction& action, const ConnectorCase& one, const runtime::AccountConfig& account,
                runtime::HttpClient& http, std::vector<std::string>& out) {
  std::size_t rows = 0;
  try {
    auto source = action.open(*one.fields, account, http);
    while (auto row = source->next()) {
      if (rows++ > 0) continue;
      for (const auto& [column, value] : one.expect.first_row) {
        const std::string* cell = row->find(column);
        if (cell == nullptr || *cell != value)
          out.push_back(fmt::format("first_row.{}: expected {}, got {}", column, value, cell ? *cell : "(none)"));
      }
    }
  } catch (const std::exception& error) {
    if (one.expect.result != "fail") out.push_back(fmt::format("the source failed: {}", error.what()));
    if (one.expect.errors && std::string(error.what()).find(*one.expect.errors) == std::string::npos)
      out.push_back(fmt::format("errors: expected {} in: {}", *one.expect.errors, error.what()));
    return;
  }
  if (one.expect.result == "fail") out.emplace_back("result: expected the source to fail, it read on");
  if (one.expect.rows && *one.expect.rows != rows)
    out.push_back(fmt::format("rows: expected {}, got {}", *one.expect.rows, rows));
}

}  // namespace

std::vector<CaseOutcome> run_connector_cases(const manifest::ConnectorManifest& connector, const CaseFile& cases) {
  ExampleServer server(connector);
  const rapidjson::Document settings = account_settings(connector, cases, server.base_url());
  runtime::AccountConfig account;
  account.name = "test";
  account.connector = connector.spec.name;
  account.settings = &settings;
  account.retry = no_retries();
  runtime::HttpClient http;
  std::vector<CaseOutcome> outcomes;
  for (const ConnectorCase& one : cases.cases) {
    CaseOutcome outcome{one.name, {}};
    server.expect(one.action, one.answer);
    auto send = runtime::manifest_engine::make_send_action(connector, one.action);
    auto source = send ? nullptr : runtime::manifest_engine::make_source_action(connector, one.action);
    if (send) {
      run_send(*send, one, account, http, outcome.differences);
    } else if (source) {
      run_source(*source, one, account, http, outcome.differences);
    } else {
      outcome.differences.push_back(fmt::format("{} has no action {}", connector.spec.name, one.action));
    }
    if (one.request && (send || source)) compare_request(*one.request, server.received(), source != nullptr, outcome.differences);
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace flowc::flowtest
