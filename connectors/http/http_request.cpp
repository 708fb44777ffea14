#include "connectors/http/http_request.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <variant>

#include "runtime/connector_kit/exchange_util.hpp"
#include "runtime/connector_kit/headers.hpp"
#include "runtime/connector_kit/url.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::connectors {

namespace {

std::variant<HttpRequest, std::string> build_request(const rapidjson::Value& fields, const AccountConfig& account) {
  HttpRequest request;
  std::string url = text_field(fields, "url");
  if (is_absolute_url(url)) {
    request.url = url;
  } else if (std::string base = account.get("base_url"); !base.empty()) {
    request.url = join_url(base, url);
  } else {
    return url.empty() ? std::string("http.request needs a `url`")
                       : fmt::format("url \"{}\" is relative and the account has no base_url", url);
  }

  const rapidjson::Value* body = member(fields, "body");
  auto raw_body = scalar_text(member(fields, "raw_body"));
  if (body != nullptr && !body->IsNull() && raw_body) return std::string("give either `body` or `raw_body`, not both");
  bool has_body = (body != nullptr && !body->IsNull()) || raw_body.has_value();
  request.method = text_field(fields, "method", has_body ? "POST" : "GET");
  std::ranges::transform(request.method, request.method.begin(), [](char c) { return std::toupper(c); });

  if (account.settings != nullptr) put_headers(request.headers, member(*account.settings, "headers"));
  if (std::string token = account.get("bearer_token"); !token.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + token);
  }
  if (body != nullptr && !body->IsNull()) {
    request.body = to_json(*body);
    request.headers.emplace_back("Content-Type", "application/json");
  } else if (raw_body) {
    request.body = std::move(*raw_body);
    request.headers.emplace_back("Content-Type", text_field(fields, "content_type", "text/plain"));
  }
  put_headers(request.headers, member(fields, "headers"));
  if (auto problem = unsafe_header(request.headers)) return *problem;
  return request;
}

class HttpRequestAction final : public SendAction {
 public:
  std::unique_ptr<Exchange> begin(const rapidjson::Value& fields, const AccountConfig& account) const override {
    auto built = build_request(fields, account);
    if (auto* problem = std::get_if<std::string>(&built)) return failing_exchange(std::move(*problem));
    ExchangeStep step = ExchangeStep::send(std::move(std::get<HttpRequest>(built)));
    if (text_field(fields, "expect", "any") == "json")
      return std::make_unique<OneShotExchange>(std::move(step), outcome_from_json_response);
    return std::make_unique<OneShotExchange>(std::move(step));
  }
};

}  // namespace

const SendAction& http_request_action() {
  static const HttpRequestAction action;
  return action;
}

const Connector& http_connector() {
  static const std::array<NamedAction<SendAction>, 1> kSends{{{"request", &http_request_action}}};
  static const Connector kConnector{"http", kSends, {}};
  return kConnector;
}

}  // namespace flowc::runtime::connectors
