#include "tools/sandbox/stubs/example_stub.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <regex>
#include <vector>
#include <string>

#include "base/json/json_util.hpp"
#include "base/json/json_writer.hpp"
#include "ir/manifest/wire_shapes.hpp"
#include "tools/sandbox/json_text.hpp"

namespace flowc::sandbox {

namespace {

using manifest::ActionManifest;
using manifest::ConnectorManifest;

// The path as the template's text: without the base path and, for a connector whose token is part
// of every path (`/bot<token>/sendMessage`, Discord's `/webhooks/<id>/<token>`), without the
// token's part, which the stand-in cannot know: then every suffix starting at a segment is a
// candidate, the whole path first.
std::vector<std::string_view> relative_paths(const ConnectorManifest& connector, std::string_view path) {
  if (!connector.base_path.empty() && path.starts_with(connector.base_path)) path.remove_prefix(connector.base_path.size());
  const bool token_in_path = std::ranges::any_of(
      connector.auth, [](const manifest::Auth& auth) { return auth.kind == manifest::AuthKind::PathToken; });
  std::vector<std::string_view> candidates;
  while (true) {
    std::string_view candidate = path;
    while (candidate.starts_with('/')) candidate.remove_prefix(1);
    candidates.push_back(candidate);
    const auto next = path.find('/', 1);
    if (!token_in_path || next == std::string_view::npos) break;
    path.remove_prefix(next);
  }
  if (token_in_path) candidates.emplace_back();  // the token is the whole path (a webhook URL)
  return candidates;
}

// Whether `path` fits `pattern`: its text as written, each `{{...}}` one path segment or less.
bool fits(const manifest::Template& pattern, std::string_view path) {
  static const std::regex kSpecial(R"([.^$|()\[\]{}*+?\\])");
  std::string expression;
  for (const manifest::TemplatePiece& piece : pattern.pieces) {
    if (piece.is_ref) {
      expression += "[^/]*";
    } else {
      std::string_view text = piece.text;
      if (expression.empty()) while (text.starts_with('/')) text.remove_prefix(1);
      expression += std::regex_replace(std::string(text), kSpecial, R"(\$&)");
    }
  }
  return std::regex_match(path.begin(), path.end(), std::regex(expression));
}

bool method_fits(const ActionManifest& action, std::string_view method) {
  const std::string& declared = action.request.method;
  if (declared.empty() || declared == "auto") return true;
  return declared == method;
}

// The example a matched action answers with: the one named `preferred` when it has it, else its
// first success, else its first.
const manifest::Example* answer_of(const ActionManifest& action, std::string_view preferred) {
  if (const manifest::Example* named = preferred.empty() ? nullptr : action.find_example(preferred)) return named;
  if (const manifest::Example* success = manifest::success_example(action)) return success;
  return action.examples.empty() ? nullptr : &action.examples.front();
}

// Whether the request asks for a page after the first, by the action's pagination.
bool later_page(const ActionManifest& action, const QueryParams& params) {
  if (!action.pagination || action.pagination->param.empty()) return false;
  const manifest::Pagination& pagination = *action.pagination;
  const std::string value = first_param(params, pagination.param);
  if (pagination.kind == manifest::PaginationKind::Cursor) return !value.empty();
  return !value.empty() && value != std::to_string(pagination.start);
}

// The example page with no records and no next cursor: the end of the listing.
StubResponse empty_page(const ActionManifest& action, const manifest::Example& example) {
  auto page = json::parse_json(example.body);
  if (!page || action.response.records.empty()) return {example.status, "[]", {}};
  manifest::set_at_path(*page, action.response.records, rapidjson::Value(rapidjson::kArrayType));
  if (action.pagination && !action.pagination->cursor_path.empty())
    manifest::set_at_path(*page, action.pagination->cursor_path, rapidjson::Value());
  return {example.status, to_json(*page), {}};
}

}  // namespace

namespace {

// The answer when `relative` is the path an action's template wrote; nullopt when none did.
std::optional<StubResponse> answer_for(const ConnectorManifest& connector, std::string_view method,
                                       std::string_view relative, const QueryParams& params,
                                       const ExamplePreference& preferred) {
  // The preferred action first when it fits: several may share one path (Nova Poshta's every
  // call is POST /, told apart by the body).
  std::vector<const ActionManifest*> order;
  if (const ActionManifest* first = connector.find_action(preferred.action)) order.push_back(first);
  for (const ActionManifest& action : connector.actions)
    if (action.name != preferred.action) order.push_back(&action);
  // An action's own request before a search: a listing may share its path with another action's search.
  for (const ActionManifest* each : order) {
    const ActionManifest& action = *each;
    if (!method_fits(action, method) || !fits(action.request.path, relative)) continue;
    const manifest::Example* example = answer_of(action, preferred.example);
    if (example == nullptr) {
      return StubResponse{501,
                          json_object_with_string("error", fmt::format("the sandbox answers {} from its manifest's "
                                                                       "examples, and action {} has none",
                                                                       connector.spec.name, action.name)),
                          {}};
    }
    if (later_page(action, params)) return empty_page(action, *example);
    return StubResponse{example->status, example->body, {}};
  }
  for (const ActionManifest& action : connector.actions) {
    if (!action.lookup || action.lookup->method != method || !fits(action.lookup->path, relative)) continue;
    rapidjson::Document match(rapidjson::kObjectType);
    manifest::set_at_path(match, action.lookup->id, rapidjson::Value(1));
    return StubResponse{200, manifest::lookup_page(*action.lookup, match), {}};
  }
  return std::nullopt;
}

}  // namespace

StubResponse example_answer(const ConnectorManifest& connector, std::string_view method, std::string_view path,
                            const QueryParams& params, const ExamplePreference& preferred) {
  if (path == kExampleTokenPath && method == "POST")
    return {200, R"({"access_token":"sandbox-access-token","token_type":"Bearer","expires_in":3600})", {}};
  const std::vector<std::string_view> candidates = relative_paths(connector, path);
  for (std::string_view relative : candidates)
    if (auto answer = answer_for(connector, method, relative, params, preferred)) return *std::move(answer);
  return {404,
          json_object_with_string("error", fmt::format("no action of {} is {} /{}: the sandbox answers it from its "
                                                       "manifest's examples",
                                                       connector.spec.name, method, candidates.front())),
          {}};
}

}  // namespace flowc::sandbox
