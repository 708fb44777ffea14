// JSON as the stand-in services read and answer it. The generic helpers are base/json/json_util.hpp and
// base/json/json_writer.hpp (to_json); what is here is the services' own way of comparing values and
// of writing error bodies and timestamps.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "base/json/json_parse.hpp"
#include "base/json/json_util.hpp"
#include "base/json/json_writer.hpp"

namespace flowc::sandbox {

using json::json_string;

// A scalar as the text a person would compare it with: strings as they are, integers without a
// fraction, booleans as true/false, null as "". Objects and arrays give their JSON text.
std::string scalar_text(const rapidjson::Value& value);

// `{"<key>": "<message>"}`-style bodies are common in every service's errors.
std::string json_object_with_string(std::string_view key, std::string_view message);

// The current time as RFC 3339 UTC with milliseconds (KeepinCRM's created_at/updated_at).
std::string utc_timestamp_now();

}  // namespace flowc::sandbox
