#include "connectors/keepincrm/keepincrm_body.hpp"

#include <algorithm>

#include "base/json/json_put.hpp"
#include "base/json/json_writer.hpp"

namespace flowc::runtime::connectors {

namespace {

using Writer = JsonWriter;

std::string_view name_of(const rapidjson::Value& name) {
  return {name.GetString(), name.GetStringLength()};
}

// A value the API expects as a list; a single value becomes a one-item list.
void as_list(Writer& out, const rapidjson::Value& value) {
  if (value.IsArray()) {
    value.Accept(out);
    return;
  }
  out.StartArray();
  if (!value.IsNull()) value.Accept(out);
  out.EndArray();
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
      as_list(out, entry.value);
    } else {
      entry.value.Accept(out);
    }
  }
  out.EndObject();
}

// `custom_fields.Color = "red"` arrives as {"Color": "red"}; the API takes [{"name", "value"}].
void custom_fields(Writer& out, const rapidjson::Value& fields) {
  if (!fields.IsObject()) return as_list(out, fields);
  out.StartArray();
  for (const auto& entry : fields.GetObject()) {
    out.StartObject();
    out.Key("name");
    entry.name.Accept(out);
    out.Key("value");
    entry.value.Accept(out);
    out.EndObject();
  }
  out.EndArray();
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
        as_list(out, entry.value);
      } else if (name == "custom_fields") {
        out.Key("custom_fields");
        custom_fields(out, entry.value);
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
