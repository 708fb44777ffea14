// The JSON helpers connectors read settings and responses with: the generic ones live in
// base/json/json_util.hpp and are named here so connector code and its tests call them as
// connectors::member, connectors::scalar_text, ...; what is about HTTP responses is here.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "base/json/json_util.hpp"
#include "base/json/json_writer.hpp"
#include "runtime/http/http.hpp"

namespace flowc::runtime::connectors {

using json::integer_field;
using json::member;
using json::member_path;
using json::parse_json;
using json::push_copy;
using json::scalar_text;
using json::set_copy;
using json::set_string;
using json::text_field;
using json::text_field_view;
using json::text_or;

// The fields a later step reads from a response: a JSON object body as is, any other JSON value
// under "body", and a non-JSON body as {"body": text}. Null when the body is empty.
rapidjson::Document response_fields(const HttpResponse& response);
// The same for a body its caller parsed already (`parsed`: nullopt when it is not JSON).
rapidjson::Document response_fields(const std::string& body, std::optional<rapidjson::Document> parsed);

}  // namespace flowc::runtime::connectors
