#include "compiler/report/catalog_json.hpp"

#include <rapidjson/document.h>

#include "base/json/json_writer.hpp"
#include "ir/manifest/connector_catalog.hpp"

namespace flowc {

namespace {

using catalog::ActionSpec;
using catalog::ConnectorSpec;
using catalog::FieldSpec;
using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value text(std::string_view value, Allocator& alloc) {
  return rapidjson::Value(value.data(), static_cast<rapidjson::SizeType>(value.size()), alloc);
}

rapidjson::Value texts(const std::vector<std::string>& values, Allocator& alloc) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (const std::string& value : values) list.PushBack(text(value, alloc), alloc);
  return list;
}

rapidjson::Value field_json(const FieldSpec& field, Allocator& alloc) {
  rapidjson::Value out(rapidjson::kObjectType);
  out.AddMember("name", text(field.name, alloc), alloc);
  out.AddMember("type", text(catalog::field_type_name(field.type), alloc), alloc);
  out.AddMember("required", field.required, alloc);
  out.AddMember("secret", field.secret, alloc);
  if (!field.choices.empty()) out.AddMember("choices", texts(field.choices, alloc), alloc);
  if (field.names_list) out.AddMember("names_list", true, alloc);
  out.AddMember("description", text(field.description, alloc), alloc);
  return out;
}

rapidjson::Value fields_json(const std::vector<FieldSpec>& fields, Allocator& alloc) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (const FieldSpec& field : fields) list.PushBack(field_json(field, alloc), alloc);
  return list;
}

rapidjson::Value action_json(const ConnectorSpec& connector, const ActionSpec& action, Allocator& alloc) {
  const bool source = action.kind == catalog::ActionKind::Source;
  rapidjson::Value out(rapidjson::kObjectType);
  out.AddMember("name", text(action.name, alloc), alloc);
  out.AddMember("kind", text(source ? "source" : "send", alloc), alloc);
  out.AddMember("description", text(action.description, alloc), alloc);
  out.AddMember("fields", fields_json(action.fields, alloc), alloc);
  if (!source) {
    out.AddMember("response_fields", texts(action.response_fields, alloc), alloc);
    out.AddMember("open_response", action.open_response, alloc);
    out.AddMember("after_crash", text(catalog::after_crash_text(action.after_crash), alloc), alloc);
  }
  // The answers `.flowtest` outcomes may name ({"example": NAME}) and the sandbox serves.
  std::vector<std::string> examples;
  if (const manifest::ConnectorManifest* described = catalog::installed().find_manifest(connector.name)) {
    if (const manifest::ActionManifest* manifest = described->find_action(action.name))
      for (const manifest::Example& example : manifest->examples) examples.push_back(example.name);
  }
  out.AddMember("examples", texts(examples, alloc), alloc);
  return out;
}

rapidjson::Value connector_json(const ConnectorSpec& connector, Allocator& alloc) {
  rapidjson::Value out(rapidjson::kObjectType);
  out.AddMember("name", text(connector.name, alloc), alloc);
  out.AddMember("description", text(connector.description, alloc), alloc);
  out.AddMember("account_fields", fields_json(connector.account_fields, alloc), alloc);
  out.AddMember("account_needs_one_of", texts(connector.account_needs_one_of, alloc), alloc);
  rapidjson::Value actions(rapidjson::kArrayType);
  for (const ActionSpec& action : connector.actions) actions.PushBack(action_json(connector, action, alloc), alloc);
  out.AddMember("actions", actions, alloc);
  return out;
}

}  // namespace

std::string catalog_json(const catalog::ConnectorSpec* only) {
  rapidjson::Document document(rapidjson::kObjectType);
  auto& alloc = document.GetAllocator();
  rapidjson::Value connectors(rapidjson::kArrayType);
  for (const ConnectorSpec& connector : catalog::installed().connectors()) {
    if (only == nullptr || only == &connector) connectors.PushBack(connector_json(connector, alloc), alloc);
  }
  document.AddMember("connectors", connectors, alloc);
  return to_json(document);
}

}  // namespace flowc
