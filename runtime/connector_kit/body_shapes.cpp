#include "runtime/connector_kit/body_shapes.hpp"

namespace flowc::runtime::connectors {

void write_as_list(JsonWriter& out, const rapidjson::Value& value) {
  if (value.IsArray()) {
    value.Accept(out);
    return;
  }
  out.StartArray();
  if (!value.IsNull()) value.Accept(out);
  out.EndArray();
}

void write_name_value(JsonWriter& out, const rapidjson::Value& members) {
  if (!members.IsObject()) return write_as_list(out, members);
  out.StartArray();
  for (const auto& entry : members.GetObject()) {
    out.StartObject();
    out.Key("name");
    entry.name.Accept(out);
    out.Key("value");
    entry.value.Accept(out);
    out.EndObject();
  }
  out.EndArray();
}

}  // namespace flowc::runtime::connectors
