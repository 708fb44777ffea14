#include "runtime/manifest_engine/source/manifest_source.hpp"

#include <fmt/format.h>

#include <deque>
#include <stdexcept>

#include "runtime/connector_kit/url.hpp"
#include "runtime/connector_kit/error_text.hpp"
#include "runtime/json_util.hpp"
#include "runtime/manifest_engine/engine_judge.hpp"
#include "runtime/manifest_engine/engine_request.hpp"
#include "runtime/manifest_engine/auth/access_tokens.hpp"
#include "runtime/manifest_engine/source/cursor_position.hpp"
#include "runtime/manifest_engine/source/page_walk.hpp"
#include "runtime/manifest_engine/source/record_rows.hpp"

namespace flowc::runtime::manifest_engine {

namespace {

using manifest::Placement;

// What opening the source must refuse before any request: an account without what it needs, a
// required field left empty.
void check_can_open(const manifest::ConnectorManifest& connector, const manifest::ActionManifest& action,
                    const catalog::ActionSpec& spec, const rapidjson::Value& fields, const AccountConfig& account) {
  const std::string name = fmt::format("{} {}", connector.spec.name, action.name);
  if (const std::string& problem = prepared_account(connector, account).problem; !problem.empty())
    throw std::runtime_error(problem);
  for (std::size_t i = 0; i < spec.fields.size() && i < action.routes.size(); ++i) {
    const catalog::FieldSpec& field = spec.fields[i];
    if (!field.required || action.routes[i].default_value) continue;
    const auto text = connectors::scalar_text(connectors::member_path(fields, field.name));
    if (!text || text->empty()) throw std::runtime_error(fmt::format("{} needs a `{}`", name, field.name));
  }
}

class ManifestRowSource final : public RowSource {
 public:
  ManifestRowSource(const manifest::ConnectorManifest& connector, const manifest::ActionManifest& action,
                    const rapidjson::Value& fields, const AccountConfig& account, HttpClient& http,
                    std::optional<std::string> start)
      : connector_(connector),
        action_(action),
        account_(account),
        http_(http),
        walk_(action.pagination, fields),
        rows_(action.response.rows_with_header, walk_.first_record_number()),
        cursor_(action.cursor, std::move(start)),
        advice_(retry_advice(connector.retry)) {
    fields_.CopyFrom(fields, fields_.GetAllocator());
  }

  std::optional<Row> next() override {
    while (pending_.empty() && !finished_) fetch_page();
    if (pending_.empty()) return std::nullopt;
    Row row = std::move(pending_.front());
    pending_.pop_front();
    return row;
  }

  std::optional<std::string> position() const override { return cursor_.position(); }

 private:
  std::string name() const { return fmt::format("{} {}", connector_.title, action_.name); }

  // "Google Sheets could not read 'Orders'!A1:ZZZ1000 of spreadsheet X": the response's `failure`.
  std::string failed_page() const {
    if (action_.response.failure.empty()) return name() + " failed";
    std::string text = connector_.title + " ";
    (void)render(action_.response.failure, {&fields_, &account_, std::nullopt, {}, walk_.range(), {}}, false, text);
    return text;
  }

  // The URL of the next page: the Link header's, or the path with the query of the manifest, of
  // the fields placed in the query, of the pagination and of a query auth.
  std::string page_url() const {
    if (!walk_.next_url().empty()) return walk_.next_url();
    const TemplateValues values{&fields_, &account_, std::nullopt, {}, walk_.range(), {}};
    std::string path;
    if (auto problem = render(action_.request.path, values, true, path)) throw std::runtime_error(name() + ": " + *problem);
    std::string url;
    append_url(url, connector_, account_, path);
    std::string query;
    auto add = [&query](std::string_view name, std::string_view value) { connectors::append_query_param(query, name, value); };
    for (const auto& param : action_.request.query) {
      std::string param_name, value;
      if (auto problem = render(param.name, values, false, param_name)) throw std::runtime_error(name() + ": " + *problem);
      if (auto problem = render(param.value, values, false, value)) throw std::runtime_error(name() + ": " + *problem);
      add(param_name, value);
    }
    for (const auto& route : action_.routes) {
      if (route.in != Placement::Query) continue;
      auto value = connectors::scalar_text(connectors::member_path(fields_, route.field));
      if (!value && route.default_value) {
        const auto parsed = connectors::parse_json(*route.default_value);  // a JSON scalar: `"desc"`, `50`
        value = parsed ? connectors::text_or(&*parsed) : *route.default_value;
      }
      if (value) add(route.to.empty() ? route.field : route.to, *value);
    }
    for (const auto& route : connector_.account_routes) {
      if (route.in != Placement::Query) continue;
      if (const std::string value = account_.get(route.field); !value.empty()) add(route.to.empty() ? route.field : route.to, value);
    }
    for (const std::string& more : {cursor_.query(), walk_.query(), auth_query(connector_, account_)}) {
      if (more.empty()) continue;
      if (!query.empty()) query += '&';
      query += more;
    }
    return query.empty() ? url : url + "?" + query;
  }

  void fetch_page() {
    HttpRequest request;
    request.method = action_.request.method.empty() ? "GET" : action_.request.method;
    request.url = page_url();
    request.common_headers = account_headers(connector_, account_);
    request.insecure_tls = account_.insecure_tls;
    if (token_auth_ != nullptr)
      request.headers.emplace_back("Authorization", "Bearer " + access_token(connector_, *token_auth_, account_, http_));
    const HttpResponse response = http_.perform(std::move(request), account_.retry, account_.limiter, advice_);
    if (response.status == 401 && token_auth_ != nullptr) forget_access_token(*token_auth_, account_);
    if (!response.ok()) {
      if (walk_.stops_on(response)) {
        finished_ = true;
        return;
      }
      throw std::runtime_error(fmt::format("{} (HTTP {}): {}", failed_page(), response.status,
                                           failure_text(action_.response, response)));
    }
    // No content (Kommo's 204 for an empty listing) is an empty page: the listing's end.
    if (response.status == 204 || response.body.find_first_not_of(" \t\r\n") == std::string::npos) {
      finished_ = true;
      return;
    }
    auto answer = connectors::parse_json(response.body);
    if (!answer)
      throw std::runtime_error(fmt::format("{}: the response is {}", failed_page(), connectors::not_json_text(response)));
    if (auto refused = broken_body_rule(action_.response, *answer))  // Slack's 200 with `ok: false`
      throw std::runtime_error(fmt::format("{} (HTTP {}): {}", failed_page(), response.status, *refused));
    const auto& path = action_.response.records;
    const rapidjson::Value* records = path.empty() ? &*answer : connectors::member_path(*answer, path);
    // An answer that leaves the list out or nulls it (Google's empty range, Pipedrive's `"data": null`)
    // has no records: the listing's end.
    if (!path.empty() && answer->IsObject() && (records == nullptr || records->IsNull())) {
      finished_ = true;
      return;
    }
    if (records == nullptr || !records->IsArray())
      throw std::runtime_error(fmt::format("{} answered without {}", name(),
                                           path.empty() ? std::string("a list") : fmt::format("a `{}` list", path)));
    try {
      rows_.take(*records, pending_);
      cursor_.note(*records);
    } catch (const std::runtime_error& error) {
      throw std::runtime_error(fmt::format("{}: {}", name(), error.what()));
    }
    if (!walk_.advance(response, *answer, records->Size())) finished_ = true;
  }

  const manifest::ConnectorManifest& connector_;
  const manifest::ActionManifest& action_;
  const AccountConfig& account_;
  HttpClient& http_;
  const manifest::Auth* token_auth_ = prepared_account(connector_, account_).token_auth;
  rapidjson::Document fields_;
  PageWalk walk_;
  RecordRows rows_;
  CursorPosition cursor_;
  RetryAdvice advice_;
  std::deque<Row> pending_;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<RowSource> ManifestSourceAction::open(const rapidjson::Value& fields, const AccountConfig& account,
                                                      HttpClient& http) const {
  return open_from(fields, account, http, std::nullopt);
}

std::unique_ptr<RowSource> ManifestSourceAction::open_from(const rapidjson::Value& fields, const AccountConfig& account,
                                                           HttpClient& http,
                                                           const std::optional<std::string>& position) const {
  check_can_open(connector_, action_, spec_, fields, account);
  return std::make_unique<ManifestRowSource>(connector_, action_, fields, account, http, position);
}

std::unique_ptr<ManifestSourceAction> make_source_action(const manifest::ConnectorManifest& connector,
                                                         std::string_view action) {
  const manifest::ActionManifest* described = connector.find_action(action);
  const catalog::ActionSpec* spec = catalog::find_action(connector.spec, action);
  if (described == nullptr || spec == nullptr || spec->kind != catalog::ActionKind::Source) return nullptr;
  return std::make_unique<ManifestSourceAction>(connector, *described, *spec);
}

}  // namespace flowc::runtime::manifest_engine
