#include "tools/sandbox/request_log.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "tools/sandbox/json_text.hpp"
#include "tools/sandbox/stand_ins.hpp"
#include "tools/sandbox/stubs/example_stub.hpp"

namespace flowc::sandbox {

namespace {

constexpr std::string_view kRedacted = "<redacted>";
constexpr std::size_t kMaxBodyInLine = 300;

bool is_credential_param(std::string_view name) {
  static constexpr std::array<std::string_view, 5> kNames = {"key", "access_token", "assertion", "client_secret",
                                                             "refresh_token"};
  for (auto credential : kNames) {
    if (name == credential) return true;
  }
  return false;
}

}  // namespace

std::string service_of_path(std::string_view path) {
  if (path.starts_with("/_sandbox")) return "";
  if (path.starts_with(kExamplesPath)) {  // a connector answered from its manifest's examples
    const std::string_view rest = path.substr(kExamplesPath.size());
    return std::string(rest.substr(0, rest.find('/')));
  }
  for (const StandIn& stand_in : stand_ins()) {
    const std::string_view service = stand_in.service;
    if (stand_in.base_path.empty()) continue;  // not an HTTP service
    if (path.size() > service.size() && path[0] == '/' && path.substr(1, service.size()) == service &&
        (path.size() == service.size() + 1 || path[service.size() + 1] == '/')) {
      return std::string(service);
    }
  }
  return "unknown";
}

std::string redact_path(std::string_view path) {
  constexpr std::string_view kBotPrefix = "/telegram/bot";
  if (!path.starts_with(kBotPrefix)) return std::string(path);
  auto token_end = path.find('/', kBotPrefix.size());
  std::string redacted(kBotPrefix);
  redacted += kRedacted;
  if (token_end != std::string_view::npos) redacted += path.substr(token_end);
  return redacted;
}

std::string redact_query(std::string_view query) {
  std::string out;
  std::size_t start = 0;
  while (start <= query.size()) {
    auto end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    auto eq = pair.find('=');
    if (!out.empty() || start > 0) out += '&';
    if (eq != std::string_view::npos && is_credential_param(pair.substr(0, eq))) {
      out += pair.substr(0, eq + 1);
      out += kRedacted;
    } else {
      out += pair;
    }
    start = end + 1;
  }
  return out;
}

std::string format_log_line(const LoggedRequest& request) {
  std::string target = request.path;
  if (!request.query.empty()) target += "?" + request.query;
  std::string body = request.body.substr(0, kMaxBodyInLine);
  for (char& c : body) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (request.body.size() > kMaxBodyInLine) body += "...";
  std::string line = fmt::format("{} {} {} -> {}", request.service, request.method, target, request.status);
  if (!body.empty()) line += " " + body;
  return line;
}

RequestLog::RequestLog(Listener listener) : listener_(std::move(listener)) {}

void RequestLog::add(LoggedRequest request) {
  std::lock_guard lock(mutex_);
  requests_.push_back(std::move(request));
  if (listener_) listener_(requests_.back());
}

std::vector<LoggedRequest> RequestLog::snapshot() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::string RequestLog::to_json() const {
  rapidjson::Document doc(rapidjson::kArrayType);
  auto& alloc = doc.GetAllocator();
  for (const auto& request : snapshot()) {
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("service", json_string(request.service, alloc), alloc);
    item.AddMember("method", json_string(request.method, alloc), alloc);
    item.AddMember("path", json_string(request.path, alloc), alloc);
    item.AddMember("query", json_string(request.query, alloc), alloc);
    item.AddMember("body", json_string(request.body, alloc), alloc);
    item.AddMember("status", request.status, alloc);
    doc.PushBack(item, alloc);
  }
  return flowc::to_json(doc);
}

}  // namespace flowc::sandbox
