#include "runtime/manifest_engine/manifest_exchange.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/text/percent_encode.hpp"
#include "runtime/connector_kit/error_text.hpp"
#include "runtime/connector_kit/headers.hpp"
#include "runtime/connector_kit/message_split.hpp"
#include "runtime/connector_kit/url.hpp"
#include "runtime/json_util.hpp"
#include "runtime/manifest_engine/engine_judge.hpp"
#include "ir/manifest/wire_shapes.hpp"
#include "runtime/manifest_engine/engine_form.hpp"
#include "runtime/manifest_engine/engine_request.hpp"
#include "runtime/manifest_engine/auth/access_tokens.hpp"
#include "runtime/manifest_engine/manifest_send.hpp"

namespace flowc::runtime::manifest_engine {

namespace {

using manifest::Placement;

// `title = "Big order"` or `id = 42`: what a lookup searched for, as the user wrote it.
std::string describe_lookup(std::string_view field, std::string_view value, bool quoted) {
  return quoted ? fmt::format("{} = \"{}\"", field, value) : fmt::format("{} = {}", field, value);
}

// How many records a search matched: a total count when larger than the list, else the list.
std::size_t match_count(const manifest::Lookup& lookup, const rapidjson::Value& answer, const rapidjson::Value& items) {
  const std::size_t listed = items.Size();
  for (const auto& path : lookup.total) {
    const auto* total = connectors::member_path(answer, path);
    if (total != nullptr && total->IsInt64() && total->GetInt64() > static_cast<long long>(listed))
      return static_cast<std::size_t>(total->GetInt64());
  }
  return listed;
}

// What the lookup will search for, worked out while the fields last.
struct Search {
  std::string by;     // the field searched by (`title`), or the direct field (`id`)
  std::string value;  // what it must equal
  bool quoted = false;
  bool direct = false;
  bool take_first = false;
  std::string url;  // the search's, unless direct
};

class ManifestExchange final : public Exchange {
 public:
  ManifestExchange(const ManifestSendAction& send, const AccountConfig& account)
      : send_(send), action_(send.action()), account_(account) {}

  // Everything that needs the fields; a problem found is the exchange's failure.
  void prepare(const rapidjson::Value& given) {
    const rapidjson::Value& fields = completed(given);
    if (auto problem = prepare_request(fields)) {
      failure_ = std::move(*problem);
      return;
    }
    if (action_.lookup) prepare_search(fields);
    if (failure_.empty() && action_.split) prepare_split(fields);
  }

  ExchangeStep start() override {
    if (!failure_.empty()) return ExchangeStep::fail(std::move(failure_));
    if (token_auth_ != nullptr) {
      // A dry run shows where the token goes without fetching one.
      if (account_.dry_run) {
        token_ = "<access token>";
      } else {
        try {
          token_ = access_token(send_.connector(), *token_auth_, account_);
        } catch (const TokenError& error) {
          return ExchangeStep::fail(error.what(), error.status());
        } catch (const std::runtime_error& error) {
          return ExchangeStep::fail(error.what());
        }
      }
    }
    return first_request();
  }

  ExchangeStep on_response(const HttpResponse& response) override {
    // A token refused before it was due to expire (revoked, rotated): the next send fetches anew.
    if (response.status == 401 && token_auth_ != nullptr) forget_access_token(*token_auth_, account_);
    if (searching_) {
      searching_ = false;
      return on_search_result(response);
    }
    if (search_ && is_not_found(response.status)) return ExchangeStep::finish(not_found(response));
    std::optional<rapidjson::Document> parsed;
    SendOutcome outcome = judge(judge_context(), response, parsed);
    if (!outcome.success) {
      if (part_count() > 1) outcome.errors = fmt::format("part {} of {}: {}", next_ + 1, part_count(), outcome.errors);
      return ExchangeStep::finish(std::move(outcome));
    }
    collect(parsed ? &*parsed : (outcome.response.IsObject() ? &outcome.response : nullptr));
    if (++next_ < part_count()) return send_part();
    if (collected_ && outcome.response.IsObject())
      connectors::set_copy(outcome.response, action_.split->collect, *collected_, outcome.response.GetAllocator());
    return ExchangeStep::finish(std::move(outcome));
  }

 private:
  ExchangeStep first_request() {
    if (search_ && !search_->direct) {
      searching_ = true;
      std::string note = fmt::format("then {} /{}{{id of the match}}{}", method_, path_before_found_, path_after_found_);
      return ExchangeStep::send(make_request(action_.lookup->method, std::move(search_->url), {}, false), send_.advice(),
                                std::move(note));
    }
    if (search_) return send_update(search_->value);
    std::string note = part_count() > 1
                           ? fmt::format("then {} more message(s) with the rest of the text", part_count() - 1)
                           : std::string();
    return send_part(std::move(note));
  }

  // The body as the action sends it: the JSON the body plan wrote, or its members as a form
  // (engine_form.hpp). Sets content_type_; a multipart boundary is chosen at the first body, the
  // one with a split's whole text, and kept for the parts.
  std::string encoded(std::string json) {
    const manifest::BodyKind kind = action_.request.body;
    if (kind != manifest::BodyKind::Form && kind != manifest::BodyKind::Multipart) {
      content_type_ = "application/json";
      return json;
    }
    const auto parsed = connectors::parse_json(json);
    const FormPairs pairs = parsed ? form_pairs(*parsed) : FormPairs{};
    if (kind == manifest::BodyKind::Form) {
      content_type_ = "application/x-www-form-urlencoded";
      return form_body(pairs);
    }
    if (multipart_type_.empty()) multipart_type_ = "multipart/form-data; boundary=" + multipart_boundary(pairs);
    content_type_ = multipart_type_;
    return multipart_body(pairs, std::string_view(multipart_type_).substr(multipart_type_.find('=') + 1));
  }

  // The fields with the defaults of body fields the flow left out and the account's fields placed
  // in the body (Nova Poshta's apiKey); the fields themselves when there are none.
  const rapidjson::Value& completed(const rapidjson::Value& fields) {
    const auto defaults = send_.body_defaults();
    const auto account_fields = send_.account_in(Placement::Body);
    if (defaults.empty() && account_fields.empty()) return fields;
    completed_.CopyFrom(fields, completed_.GetAllocator());
    for (const manifest::FieldRoute* route : defaults) {
      if (connectors::member_path(completed_, route->field) != nullptr) continue;
      if (auto parsed = connectors::parse_json(*route->default_value)) manifest::set_at_path(completed_, route->field, *parsed);
    }
    for (const manifest::FieldRoute* route : account_fields) {
      const std::string value = account_.get(route->field);
      if (!value.empty())
        manifest::set_at_path(completed_, route->to.empty() ? route->field : route->to,
                              rapidjson::Value(rapidjson::StringRef(value.data(), value.size())));
    }
    return completed_;
  }

  JudgeContext judge_context() const { return {&send_.connector(), &action_, json_required_, path_token()}; }

  // The token a path carries, masked in errors (an answer may quote the URL).
  std::string_view path_token() const {
    return send_.path_token() ? account_.text(send_.path_token()->value) : std::string_view();
  }

  std::optional<std::string> prepare_request(const rapidjson::Value& fields) {
    const TemplateValues values{&fields, &account_, std::nullopt, {}, {}, {}};
    if (auto problem = prepare_url(fields, values)) return problem;
    const auto* raw_route = send_.route_in(Placement::RawBody);
    const auto* raw_body = raw_route ? connectors::member_path(fields, raw_route->field) : nullptr;
    const manifest::BodyKind kind = action_.request.body;
    const bool json_body = (kind == manifest::BodyKind::Json || kind == manifest::BodyKind::Form ||
                            kind == manifest::BodyKind::Multipart) &&
                           (!action_.request.method.empty() || send_.body().has_body_fields(fields));
    if (json_body && raw_body != nullptr && !raw_body->IsNull()) {
      const auto json_route = std::ranges::find_if(action_.routes, [](const auto& r) { return r.in == Placement::Body; });
      return fmt::format("give either `{}` or `{}`, not both", std::string_view(json_route->field).substr(0, json_route->field.find('.')),
                         raw_route->field);
    }
    std::string_view content_type;
    std::string raw_type;
    if (json_body) {
      body_ = encoded(send_.body().write(fields));
      content_type = content_type_;
    } else if (raw_body != nullptr && !raw_body->IsNull()) {
      body_ = connectors::text_or(raw_body);
      const auto* type_route = send_.route_in(Placement::ContentType);
      if (type_route != nullptr)
        content_type = raw_type = connectors::text_field(fields, type_route->field, send_.default_of(type_route->field));
    }
    has_body_ = json_body || (raw_body != nullptr && !raw_body->IsNull());
    prepare_method(fields);
    prepare_json_need(fields);
    return prepare_headers(fields, content_type);
  }

  std::optional<std::string> prepare_url(const rapidjson::Value& fields, const TemplateValues& values) {
    if (const auto* url_route = send_.route_in(Placement::Url)) {
      std::string url = connectors::text_field(fields, url_route->field);
      if (connectors::is_absolute_url(url)) {
        path_before_found_ = std::move(url);
        absolute_ = true;
      } else if (has_base_url(send_.connector(), account_)) {
        path_before_found_ = std::move(url);
      } else {
        return fmt::format("{} \"{}\" is relative and the account has no base_url", url_route->field, url);
      }
    } else if (auto problem = render_path(action_.request.path, values)) {
      return problem;
    }
    for (const auto& param : action_.request.query) {
      std::string name;
      std::string value;
      if (auto problem = render(param.name, values, false, name)) return problem;
      if (auto problem = render(param.value, values, false, value)) return problem;
      add_query(name, value);
    }
    for (const manifest::FieldRoute* query : send_.routes_in(Placement::Query)) {
      const auto& route = *query;
      if (auto value = connectors::scalar_text(connectors::member_path(fields, route.field))) {
        add_query(route.to.empty() ? route.field : route.to, *value);
      } else if (const std::string_view fallback = send_.default_of(route.field); !fallback.empty()) {
        add_query(route.to.empty() ? route.field : route.to, fallback);
      }
    }
    for (const manifest::FieldRoute* route : send_.account_in(Placement::Query)) {
      if (const std::string value = account_.get(route->field); !value.empty())
        add_query(route->to.empty() ? route->field : route->to, value);
    }
    if (std::string auth = send_.has_query_auth() ? auth_query(send_.connector(), account_) : std::string(); !auth.empty()) {
      query_ += query_.empty() ? '?' : '&';
      query_ += auth;
    }
    return std::nullopt;
  }

  void add_query(std::string_view name, std::string_view value) {
    query_ += query_.empty() ? '?' : '&';
    append_percent_encoded(query_, name);
    query_ += '=';
    append_percent_encoded(query_, value);
  }

  // The path up to a `found.id` and after it (the match is known only once the search answered).
  std::optional<std::string> render_path(const manifest::Template& path, const TemplateValues& values) {
    const std::span<const manifest::TemplatePiece> pieces(path.pieces);
    const auto found = std::ranges::find_if(pieces, [](const auto& piece) {
      return piece.is_ref && !piece.ref.empty() && piece.ref[0] == "found";
    });
    const auto split = static_cast<std::size_t>(found - pieces.begin());
    if (auto problem = render(pieces.first(split), values, true, path_before_found_)) return problem;
    if (found == pieces.end()) return std::nullopt;
    return render(pieces.subspan(split + 1), values, true, path_after_found_);
  }

  void prepare_method(const rapidjson::Value& fields) {
    const auto* method_route = send_.route_in(Placement::Method);
    method_ = method_route ? connectors::text_field(fields, method_route->field) : std::string();
    // The flow may write `patch`; the manifest's methods are upper case already.
    std::ranges::transform(method_, method_.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
    if (method_.empty()) method_ = action_.request.method;
    if (method_.empty()) method_ = has_body_ ? action_.request.method_with_body : "GET";
  }

  void prepare_json_need(const rapidjson::Value& fields) {
    const auto& rules = action_.response;
    json_required_ = rules.json == manifest::JsonNeed::Required;
    if (!rules.json_field.empty())
      json_required_ = connectors::text_field(fields, rules.json_field, send_.default_of(rules.json_field)) == "json";
  }

  // The account's headers shared as they are, unless this request adds its own.
  std::optional<std::string> prepare_headers(const rapidjson::Value& fields, std::string_view content_type) {
    shared_headers_ = account_headers(send_.connector(), account_);
    Headers own;
    bool needs_own = false;
    if (!content_type.empty()) {
      auto same = std::ranges::find_if(*shared_headers_, [&](const auto& h) {
        return h.first == "Content-Type" && h.second == content_type;
      });
      needs_own = same == shared_headers_->end();
    }
    for (const manifest::FieldRoute* header : send_.routes_in(Placement::Header)) {
      const auto& route = *header;
      const bool wildcard = route.field.ends_with(".*");
      const auto* value = connectors::member_path(fields, wildcard ? route.field.substr(0, route.field.size() - 2) : route.field);
      if (value == nullptr || value->IsNull()) continue;
      needs_own = true;
      if (!wildcard) {
        own.emplace_back(route.to.empty() ? route.field : route.to, connectors::text_or(value));
      } else {
        connectors::put_headers(own, value);
      }
    }
    if (!needs_own) return std::nullopt;
    own_headers_ = *shared_headers_;
    if (!content_type.empty()) connectors::put_header(own_headers_, "Content-Type", std::string(content_type));
    for (auto& [name, value] : own) connectors::put_header(own_headers_, std::move(name), std::move(value));
    shared_headers_.reset();
    return connectors::unsafe_header(own_headers_);
  }

  void prepare_search(const rapidjson::Value& fields) {
    const manifest::Lookup& lookup = *action_.lookup;
    Search& search = search_.emplace();
    std::string scratch;
    search.by = connectors::text_field_view(fields, lookup.by_field, send_.lookup_by_default(), scratch);
    const rapidjson::Value* searched = connectors::member_path(fields, search.by);
    auto value = connectors::scalar_text(searched);
    if (!value || value->empty()) {
      failure_ = fmt::format("{}: {} = {} but `{}` is empty", action_.name, lookup.by_field, search.by, search.by);
      search_.reset();
      return;
    }
    search.value = std::move(*value);
    search.quoted = searched->IsString();
    search.direct = search.by == lookup.direct;
    if (!lookup.many_field.empty())
      search.take_first = connectors::text_field_view(fields, lookup.many_field, send_.lookup_many_default(), scratch) == "first";
    if (!search.direct) {
      const TemplateValues values{&fields, &account_, std::nullopt, {}, {}, {}};
      std::string path;
      std::string param;
      if (auto problem = render(lookup.path, values, true, path)) failure_ = std::move(*problem);
      if (auto problem = render(lookup.param, values, false, param)) failure_ = std::move(*problem);
      std::string url;
      append_url(url, send_.connector(), account_, path);
      url += '?';
      append_percent_encoded(url, param);
      url += '=';
      append_percent_encoded(url, search.value);
      search.url = std::move(url);
    }
  }

  void prepare_split(const rapidjson::Value& fields) {
    const manifest::SplitText& split = *action_.split;
    if (!split.collect.empty()) collected_.emplace(rapidjson::kArrayType);
    std::string scalar;
    const auto* value = connectors::member_path(fields, split.field);
    const std::string_view text = value != nullptr && value->IsString()
                                      ? std::string_view(value->GetString(), value->GetStringLength())
                                      : std::string_view(scalar = connectors::text_or(value));
    const auto limit = static_cast<std::size_t>(split.limit);
    if (connectors::fits_one_message(text, limit)) return;  // the body written already is the one message
    std::string mode_scratch;
    const bool truncate = !split.mode_field.empty() &&
                          connectors::text_field_view(fields, split.mode_field, send_.split_mode_default(), mode_scratch) == "truncate";
    text_ = truncate ? connectors::truncate_message(text, limit) : std::string(text);
    parts_ = truncate ? std::vector<std::string_view>{text_} : connectors::split_message(text_, limit);
    fields_.emplace();
    fields_->CopyFrom(fields, fields_->GetAllocator());  // each part's body is written when it is sent
  }

  HttpRequest make_request(std::string method, std::string url, std::string body, bool with_own_headers) const {
    HttpRequest request;
    request.method = std::move(method);
    request.url = std::move(url);
    if (with_own_headers && !own_headers_.empty()) {
      request.headers = own_headers_;
    } else {
      request.common_headers = shared_headers_ ? shared_headers_ : account_headers(send_.connector(), account_);
    }
    if (!token_.empty()) request.headers.emplace_back("Authorization", "Bearer " + token_);
    request.body = std::move(body);
    return request;
  }

  std::string url_with(std::string_view found_id) const {
    std::string url;
    if (found_id.empty() && path_after_found_.empty()) {
      if (absolute_) return path_before_found_ + query_;
      append_url(url, send_.connector(), account_, path_before_found_);
    } else {
      std::string path = path_before_found_;
      append_percent_encoded(path, found_id);
      path += path_after_found_;
      if (absolute_) return path + query_;
      append_url(url, send_.connector(), account_, path);
    }
    url += query_;
    return url;
  }

  ExchangeStep send_update(std::string_view id) {
    // The update is the exchange's last request: its body moves into it.
    return ExchangeStep::send(make_request(method_, url_with(id), std::move(body_), true), send_.advice());
  }

  std::size_t part_count() const { return parts_.empty() ? 1 : parts_.size(); }

  ExchangeStep send_part(std::string note = {}) {
    std::string body =
        parts_.empty() ? std::move(body_) : encoded(send_.body().write(*fields_, action_.split->field, parts_[next_]));
    return ExchangeStep::send(make_request(method_, url_with({}), std::move(body), true), send_.advice(),
                              std::move(note));
  }

  void collect(const rapidjson::Value* answer) {
    if (!collected_ || answer == nullptr) return;
    if (const auto* value = connectors::member_path(*answer, action_.split->collect_from))
      collected_->PushBack(rapidjson::Value(*value, collected_->GetAllocator()), collected_->GetAllocator());
  }

  bool is_not_found(int status) const {
    return std::ranges::any_of(action_.response.not_found_statuses, [status](const auto& r) { return r.contains(status); });
  }

  std::string lookup_text() const { return describe_lookup(search_->by, search_->value, search_->quoted); }

  SendOutcome not_found(const HttpResponse& response) const {
    SendOutcome outcome;
    outcome.status = response.status;
    if (!response.ok() && !is_not_found(response.status)) {
      outcome.errors = failure_text(action_.response, response);
      return outcome;
    }
    const std::string searched = lookup_text();
    const TemplateValues values{nullptr, &account_, std::nullopt, searched, {}, {}};
    (void)render(action_.lookup->not_found, values, false, outcome.errors);
    return outcome;
  }

  ExchangeStep on_search_result(const HttpResponse& response) {
    if (!response.ok()) return ExchangeStep::finish(not_found(response));
    const manifest::Lookup& lookup = *action_.lookup;
    const std::string& title = send_.connector().title;
    auto answer = connectors::parse_json(response.body);
    if (!answer)
      return ExchangeStep::fail(title + " search: the response is " + connectors::not_json_text(response), response.status);
    const rapidjson::Value* items = answer->IsArray() ? &*answer : connectors::member_path(*answer, lookup.records);
    if (items == nullptr || !items->IsArray())
      return ExchangeStep::fail(fmt::format("{} search answered without an `{}` list", title, lookup.records), response.status);
    const std::size_t count = match_count(lookup, *answer, *items);
    if (count == 0) return ExchangeStep::finish(not_found(response));
    if (count > 1 && !search_->take_first) {
      return ExchangeStep::fail(fmt::format("{} {}s with {}; set {} = first to update the first one", count,
                                            lookup.noun, lookup_text(), lookup.many_field),
                                response.status);
    }
    auto id = connectors::scalar_text(connectors::member_path((*items)[0], lookup.id));
    if (!id)
      return ExchangeStep::fail(fmt::format("the {} found with {} has no {}", lookup.noun, lookup_text(), lookup.id),
                                response.status);
    return send_update(*id);
  }

  const ManifestSendAction& send_;
  const manifest::ActionManifest& action_;
  const AccountConfig& account_;
  std::string failure_;
  std::string method_;
  std::string path_before_found_;  // the path, or the URL field's value
  std::string path_after_found_;
  std::string query_;              // `?name=value&...`, or empty
  bool absolute_ = false;          // path_before_found_ is a whole URL
  bool has_body_ = false;
  std::string_view content_type_;  // of the body: a constant, or multipart_type_
  std::string multipart_type_;      // `multipart/form-data; boundary=...` once chosen
  bool json_required_ = true;
  std::string body_;
  std::shared_ptr<const Headers> shared_headers_;
  Headers own_headers_;
  rapidjson::Document completed_;  // the fields completed (completed()), when they needed to be
  std::optional<Search> search_;
  bool searching_ = false;
  const manifest::Auth* token_auth_ = prepared_account(send_.connector(), account_).token_auth;
  std::string token_;
  // A split text: the parts of text_, each sent with a body written from fields_.
  std::optional<rapidjson::Document> fields_;
  std::string text_;
  std::vector<std::string_view> parts_;
  std::size_t next_ = 0;
  std::optional<rapidjson::Document> collected_;  // with a split's `collect`
};

}  // namespace

std::unique_ptr<Exchange> begin_exchange(const ManifestSendAction& send, const rapidjson::Value& fields,
                                         const AccountConfig& account) {
  auto exchange = std::make_unique<ManifestExchange>(send, account);
  exchange->prepare(fields);
  return exchange;
}

}  // namespace flowc::runtime::manifest_engine
