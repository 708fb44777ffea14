#include "runtime/eval/field_types.hpp"

#include <span>
#include <string>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"

namespace flowc::runtime {
namespace {

JsonType json_type(catalog::FieldType type) {
  switch (type) {
    case catalog::FieldType::Number: return JsonType::Number;
    case catalog::FieldType::Bool: return JsonType::Bool;
    case catalog::FieldType::List: return JsonType::List;
    case catalog::FieldType::String:
    case catalog::FieldType::Enum:
    case catalog::FieldType::Name: return JsonType::String;
    case catalog::FieldType::Duration:
    case catalog::FieldType::Rate:
    case catalog::FieldType::Any: return JsonType::Auto;
  }
  return JsonType::Auto;
}

std::string dotted(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& part : path) {
    if (!out.empty()) out += '.';
    out += part;
  }
  return out;
}

// The catalog outlives every run, so the spans can be captured by reference.
FieldTypeFn lookup_in(std::span<const catalog::FieldSpec> fields) {
  return [fields](const std::vector<std::string>& path) {
    const catalog::FieldSpec* spec = catalog::find_field(fields, dotted(path));
    return spec != nullptr ? json_type(spec->type) : JsonType::Auto;
  };
}

}  // namespace

FieldTypeFn send_field_types(std::string_view connector, std::string_view action) {
  const catalog::ConnectorSpec* spec = catalog::installed().find_connector(connector);
  const catalog::ActionSpec* action_spec = spec != nullptr ? catalog::find_action(*spec, action) : nullptr;
  if (action_spec == nullptr) return [](const std::vector<std::string>&) { return JsonType::Auto; };
  return lookup_in(action_spec->fields);
}

FieldTypeFn account_field_types(std::string_view connector) {
  const catalog::ConnectorSpec* spec = catalog::installed().find_connector(connector);
  if (spec == nullptr) return [](const std::vector<std::string>&) { return JsonType::Auto; };
  return lookup_in(spec->account_fields);
}

}  // namespace flowc::runtime
