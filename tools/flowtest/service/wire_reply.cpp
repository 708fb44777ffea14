#include "tools/flowtest/service/wire_reply.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <memory>
#include <string_view>
#include <vector>

#include "base/json/json_util.hpp"
#include "base/json/json_writer.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "ir/manifest/wire_shapes.hpp"

namespace flowc::flowtest {

namespace {

using manifest::ActionManifest;

// Where the engine's standard rule looks for an error text, in its order (docs/connector-format.md).
constexpr std::array<std::string_view, 5> kStandardErrorPaths{"message", "error.message", "error_description",
                                                              "description", "error"};

const ActionManifest* manifest_action(const ir::Send& send) {
  const manifest::ConnectorManifest* connector = catalog::installed().find_manifest(send.connector);
  return connector != nullptr ? connector->find_action(send.action) : nullptr;
}

// Where the response field `name` is read from: its path in the manifest, else its own name.
std::string_view field_path(const ActionManifest& action, std::string_view name) {
  for (const manifest::ResponseField& field : action.response.fields)
    if (field.name == name) return field.path;
  return name;
}

rapidjson::Document example_body(const manifest::Example* example) {
  auto parsed = example != nullptr ? json::parse_json(example->body) : std::nullopt;
  if (!parsed || !parsed->IsObject()) return rapidjson::Document(rapidjson::kObjectType);
  return std::move(*parsed);
}

WireReply success_reply(const ActionManifest& action, const Outcome& outcome) {
  const manifest::Example* example = manifest::success_example(action);
  rapidjson::Document body = example_body(example);
  for (const auto& field : outcome.fields->GetObject())
    manifest::set_at_path(body, field_path(action, {field.name.GetString(), field.name.GetStringLength()}), field.value);
  const int status = outcome.status != 0 ? outcome.status : example != nullptr ? example->status : 200;
  return {status, to_json(body)};
}

// The first failure example, its error text replaced where the engine finds it; an example whose
// text the rule would not find alone (KeepinCRM's `errors` map) gives way to {"message": ...}.
WireReply failure_reply(const ActionManifest& action, const Outcome& outcome) {
  const manifest::Example* example = nullptr;
  for (const manifest::Example& each : action.examples)
    if (each.status >= 400) example = example != nullptr ? example : &each;
  rapidjson::Document body = example_body(example);
  std::vector<std::string_view> paths(action.response.error_paths.begin(), action.response.error_paths.end());
  if (paths.empty()) paths.assign(kStandardErrorPaths.begin(), kStandardErrorPaths.end());
  std::string_view at;
  for (std::string_view path : paths) {
    const rapidjson::Value* found = json::member_path(body, path);
    if (found != nullptr && found->IsString()) {
      at = path;
      break;
    }
  }
  if (at.empty()) {
    body.SetObject();
    at = paths.front();
  }
  manifest::set_at_path(body, at, rapidjson::Value(rapidjson::StringRef(outcome.error.data(), outcome.error.size())));
  if (!action.response.status_path.empty())
    manifest::set_at_path(body, action.response.status_path, rapidjson::Value(outcome.status));
  return {outcome.status, to_json(body)};
}

// A lookup's search finds the record the test declares, with an id when it gives none.
WireReply search_reply(const manifest::Lookup& lookup, const Outcome& outcome, int sequence) {
  rapidjson::Document match;
  match.CopyFrom(*outcome.fields, match.GetAllocator());
  if (json::member_path(match, lookup.id) == nullptr) manifest::set_at_path(match, lookup.id, rapidjson::Value(sequence));
  return {200, manifest::lookup_page(lookup, match)};
}

}  // namespace

const manifest::Example* named_example(const ir::Send& send, const Outcome& outcome, const std::string& where) {
  if (outcome.example.empty()) return nullptr;
  const ActionManifest* action = manifest_action(send);
  const manifest::Example* example = action != nullptr ? action->find_example(outcome.example) : nullptr;
  if (example != nullptr) return example;
  std::vector<std::string> names;
  if (action != nullptr)
    for (const manifest::Example& each : action->examples) names.push_back(each.name);
  throw SpecError(fmt::format("{}: {}.{} has no example \"{}\" ({})", where, send.connector, send.action,
                              outcome.example,
                              names.empty() ? std::string("its manifest gives none")
                                            : fmt::format("its examples: {}", fmt::join(names, ", "))));
}

WireReply wire_reply(const ir::Send& send, const std::string& method, const Outcome& outcome, int sequence) {
  const ActionManifest* action = manifest_action(send);
  if (action == nullptr) return {500, R"({"message": "flowc test: no connector manifest for this send"})"};
  // A lookup's search comes before the request the outcome is about.
  if (action->lookup && method == action->lookup->method && method != action->request.method) {
    static const Outcome kAnyRecord{true, std::make_shared<rapidjson::Document>(rapidjson::kObjectType), 0, {}, {}};
    return search_reply(*action->lookup, outcome.example.empty() ? outcome : kAnyRecord, sequence);
  }
  if (!outcome.example.empty()) {
    const manifest::Example* example = action->find_example(outcome.example);
    if (example == nullptr) return {500, R"({"message": "flowc test: the example named is gone"})"};
    return {example->status, example->body};
  }
  return outcome.success ? success_reply(*action, outcome) : failure_reply(*action, outcome);
}

}  // namespace flowc::flowtest
