#include "runtime/connectors/keepincrm_body.hpp"

#include <algorithm>

#include "runtime/connectors/json_util.hpp"

namespace flowc::runtime::connectors {

namespace {

using Allocator = rapidjson::Document::AllocatorType;

// A value the API expects as a list; a single value becomes a one-item list.
rapidjson::Value as_list(const rapidjson::Value& value, Allocator& alloc) {
  if (value.IsArray()) return rapidjson::Value(value, alloc);
  rapidjson::Value list(rapidjson::kArrayType);
  if (!value.IsNull()) push_copy(list, value, alloc);
  return list;
}

rapidjson::Value client_attributes(const rapidjson::Value& client, Allocator& alloc) {
  if (!client.IsObject()) return rapidjson::Value(client, alloc);
  rapidjson::Value attributes(rapidjson::kObjectType);
  for (const auto& entry : client.GetObject()) {
    std::string_view name(entry.name.GetString(), entry.name.GetStringLength());
    if (name == "phones") {
      attributes.AddMember(rapidjson::Value(entry.name, alloc), as_list(entry.value, alloc), alloc);
    } else {
      set_copy(attributes, name, entry.value, alloc);
    }
  }
  return attributes;
}

// `custom_fields.Color = "red"` arrives as {"Color": "red"}; the API takes [{"name", "value"}].
rapidjson::Value custom_fields(const rapidjson::Value& fields, Allocator& alloc) {
  if (!fields.IsObject()) return as_list(fields, alloc);
  rapidjson::Value list(rapidjson::kArrayType);
  for (const auto& entry : fields.GetObject()) {
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("name", rapidjson::Value(entry.name, alloc), alloc);
    item.AddMember("value", rapidjson::Value(entry.value, alloc), alloc);
    list.PushBack(item, alloc);
  }
  return list;
}

}  // namespace

rapidjson::Document keepincrm_order_body(const rapidjson::Value& fields, std::initializer_list<std::string_view> skip) {
  rapidjson::Document body(rapidjson::kObjectType);
  auto& alloc = body.GetAllocator();
  if (!fields.IsObject()) return body;
  for (const auto& entry : fields.GetObject()) {
    std::string_view name(entry.name.GetString(), entry.name.GetStringLength());
    if (std::ranges::find(skip, name) != skip.end()) continue;
    if (name == "client") {
      body.AddMember("client_attributes", client_attributes(entry.value, alloc), alloc);
    } else if (name == "jobs") {
      body.AddMember("jobs_attributes", as_list(entry.value, alloc), alloc);
    } else if (name == "custom_fields") {
      body.AddMember("custom_fields", custom_fields(entry.value, alloc), alloc);
    } else {
      set_copy(body, name, entry.value, alloc);
    }
  }
  return body;
}

}  // namespace flowc::runtime::connectors
