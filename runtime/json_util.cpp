#include "runtime/json_util.hpp"

namespace flowc::runtime::connectors {

rapidjson::Document response_fields(const HttpResponse& response) {
  if (response.body.empty()) return rapidjson::Document();  // null
  return response_fields(response.body, parse_json(response.body));
}

rapidjson::Document response_fields(const std::string& body, std::optional<rapidjson::Document> parsed) {
  rapidjson::Document fields;
  if (body.empty()) return fields;  // null
  if (parsed && parsed->IsObject()) return std::move(*parsed);
  fields.SetObject();
  auto& alloc = fields.GetAllocator();
  if (parsed) {
    fields.AddMember("body", rapidjson::Value(*parsed, alloc), alloc);
  } else {
    fields.AddMember("body", json::json_string(body, alloc), alloc);
  }
  return fields;
}

}  // namespace flowc::runtime::connectors
