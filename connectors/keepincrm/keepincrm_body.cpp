#include "connectors/keepincrm/keepincrm_body.hpp"

#include <algorithm>

#include "base/json/json_put.hpp"
#include "base/json/json_writer.hpp"
#include "runtime/connector_kit/body_shapes.hpp"

namespace flowc::runtime::connectors {

namespace {

using Writer = JsonWriter;

std::string_view name_of(const rapidjson::Value& name) {
  return {name.GetString(), name.GetStringLength()};
}

void client_attributes(Writer& out, const rapidjson::Value& client) {
  if (!client.IsObject()) {
    client.Accept(out);
    return;
  }
  out.StartObject();
  for (const auto& entry : client.GetObject()) {
    json::put_key(out, name_of(entry.name));
    if (name_of(entry.name) == "phones") {
      write_as_list(out, entry.value);
    } else {
      entry.value.Accept(out);
    }
  }
  out.EndObject();
}

}  // namespace

std::string keepincrm_order_json(const rapidjson::Value& fields, std::initializer_list<std::string_view> skip) {
  Writer out;
  out.StartObject();
  if (fields.IsObject()) {
    for (const auto& entry : fields.GetObject()) {
      const std::string_view name = name_of(entry.name);
      if (std::ranges::find(skip, name) != skip.end()) continue;
      if (name == "client") {
        out.Key("client_attributes");
        client_attributes(out, entry.value);
      } else if (name == "jobs") {
        out.Key("jobs_attributes");
        write_as_list(out, entry.value);
      } else if (name == "custom_fields") {
        out.Key("custom_fields");
        write_name_value(out, entry.value);  // [{"name", "value"}]
      } else {
        json::put_key(out, name);
        entry.value.Accept(out);
      }
    }
  }
  out.EndObject();
  return out.take();
}

}  // namespace flowc::runtime::connectors
