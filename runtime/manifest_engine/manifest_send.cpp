#include "runtime/manifest_engine/manifest_send.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "runtime/connector_kit/exchange_util.hpp"
#include "runtime/json_util.hpp"
#include "runtime/manifest_engine/engine_judge.hpp"
#include "runtime/manifest_engine/engine_request.hpp"
#include "runtime/manifest_engine/manifest_exchange.hpp"

namespace flowc::runtime::manifest_engine {

namespace {

// A non-empty value: a scalar (a number or bool counts; an empty string does not), a list with
// an item, an object with a member.
bool has_text(const rapidjson::Value* value) {
  if (value != nullptr && value->IsString()) return value->GetStringLength() > 0;
  if (value != nullptr && value->IsArray()) return !value->Empty();
  if (value != nullptr && value->IsObject()) return value->MemberCount() > 0;
  return connectors::scalar_text(value).has_value();
}

}  // namespace

// Required account and action fields left empty. The text a split sends "is empty"; other fields
// "are needed".
std::optional<std::string> required_problem(const ManifestSendAction& send, const rapidjson::Value& fields,
                                            const AccountConfig& account) {
  const auto& connector = send.connector();
  if (const std::string& problem = prepared_account(connector, account).problem; !problem.empty()) return problem;
  const auto& action = send.action();
  const std::string_view split_field = action.split ? std::string_view(action.split->field) : std::string_view();
  for (std::size_t i : send.required_fields_) {
    const auto& field = send.spec().fields[i];
    if (has_text(connectors::member_path(fields, field.name))) continue;
    const std::string_view what = field.name == split_field ? "has an empty" : "needs a";
    return fmt::format("{} {} {} `{}`", connector.spec.name, action.name, what, field.name);
  }
  return std::nullopt;
}

namespace {

// A split's mode other than `split` or `truncate`.
std::optional<std::string> fields_problem(const ManifestSendAction& send, const rapidjson::Value& fields) {
  const auto& action = send.action();
  if (action.split && !action.split->mode_field.empty()) {
    std::string scratch;
    const std::string_view mode =
        connectors::text_field_view(fields, action.split->mode_field, send.split_mode_default(), scratch);
    if (mode != "split" && mode != "truncate")
      return fmt::format("{} must be split or truncate, not \"{}\"", action.split->mode_field, mode);
  }
  return std::nullopt;
}

}  // namespace

ManifestSendAction::ManifestSendAction(const manifest::ConnectorManifest& connector,
                                       const manifest::ActionManifest& action, const catalog::ActionSpec& spec)
    : connector_(connector), action_(action), spec_(spec), body_(action, spec), advice_(retry_advice(connector.retry)) {
  // Defaults are JSON scalars (`"id"`, `3`, `true`); the exchange reads them as text.
  for (const auto& route : action.routes) {
    if (!route.default_value) continue;
    auto parsed = connectors::parse_json(*route.default_value);
    defaults_.emplace_back(route.field, parsed ? connectors::text_or(&*parsed) : *route.default_value);
  }
  for (const auto& route : action.routes)
    if (route.in == manifest::Placement::Body && route.default_value) body_defaults_.push_back(&route);
  for (const auto& route : connector.account_routes)
    account_placed_[static_cast<std::size_t>(route.in)].push_back(&route);
  for (const auto& route : action.routes) {
    auto& first = placed_[static_cast<std::size_t>(route.in)];
    if (first == nullptr) first = &route;
    all_placed_[static_cast<std::size_t>(route.in)].push_back(&route);
  }
  for (std::size_t i = 0; i < spec.fields.size() && i < action.routes.size(); ++i) {
    const auto& field = spec.fields[i];
    if (field.required && !action.routes[i].default_value && !field.name.ends_with(".*")) required_fields_.push_back(i);
  }
  if (action.lookup) {
    lookup_by_default_ = default_of(action.lookup->by_field);
    lookup_many_default_ = default_of(action.lookup->many_field);
  }
  if (action.split) split_mode_default_ = default_of(action.split->mode_field);
  for (const auto& auth : connector.auth) {
    if (auth.kind == manifest::AuthKind::PathToken) path_token_ = &auth;
    if (auth.kind == manifest::AuthKind::Query) has_query_auth_ = true;
  }
}

std::unique_ptr<Exchange> ManifestSendAction::begin(const rapidjson::Value& fields, const AccountConfig& account) const {
  if (auto problem = required_problem(*this, fields, account)) return connectors::failing_exchange(std::move(*problem));
  if (auto problem = fields_problem(*this, fields)) return connectors::failing_exchange(std::move(*problem));
  return begin_exchange(*this, fields, account);
}

const manifest::FieldRoute* ManifestSendAction::route_in(manifest::Placement in) const {
  return placed_[static_cast<std::size_t>(in)];
}

std::string_view ManifestSendAction::default_of(std::string_view field) const {
  for (const auto& [name, text] : defaults_)
    if (name == field) return text;
  return {};
}

std::unique_ptr<ManifestSendAction> make_send_action(const manifest::ConnectorManifest& connector,
                                                     std::string_view action) {
  const manifest::ActionManifest* described = connector.find_action(action);
  const catalog::ActionSpec* spec = catalog::find_action(connector.spec, action);
  if (described == nullptr || spec == nullptr || spec->kind != catalog::ActionKind::Send) return nullptr;
  return std::make_unique<ManifestSendAction>(connector, *described, *spec);
}

}  // namespace flowc::runtime::manifest_engine
