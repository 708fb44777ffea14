// Small RapidJSON helpers shared by the stand-in services.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace flowc::sandbox {

// Compact JSON text of `value`.
std::string to_json_text(const rapidjson::Value& value);

// Parses `text` into `doc`; false when it is not well-formed JSON.
bool parse_json_text(std::string_view text, rapidjson::Document& doc);

// A scalar as the text a person would compare it with: strings as they are, integers without a
// fraction, booleans as true/false, null as "". Objects and arrays give their JSON text.
std::string scalar_text(const rapidjson::Value& value);

// A JSON string value copied into `alloc`.
rapidjson::Value json_string(std::string_view text, rapidjson::Document::AllocatorType& alloc);

// `{"<key>": "<message>"}`-style bodies are common in every service's errors.
std::string json_object_with_string(std::string_view key, std::string_view message);

// The current time as RFC 3339 UTC with milliseconds (KeepinCRM's created_at/updated_at).
std::string utc_timestamp_now();

}  // namespace flowc::sandbox
