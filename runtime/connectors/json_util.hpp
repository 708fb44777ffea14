// Small, forgiving readers and writers for the JSON that connectors receive (rendered field blocks,
// account settings, service responses). Absent members and wrong types read as "nothing" so a
// connector can turn them into a clear error instead of an assertion.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

#include "runtime/http/http.hpp"
#include "base/json_writer.hpp"

namespace flowc::runtime::connectors {

// The member `key` of `object`, or nullptr when `object` is not an object or lacks it.
const rapidjson::Value* member(const rapidjson::Value& object, std::string_view key);
// The member reached by a dotted path (`client.person`), or nullptr.
const rapidjson::Value* member_path(const rapidjson::Value& object, std::string_view dotted);

// A scalar as text: strings as they are, numbers as written in JSON, booleans as true/false.
// nullopt for null, arrays, objects and absent values.
std::optional<std::string> scalar_text(const rapidjson::Value* value);
// scalar_text of a value (null: absent), or `fallback`.
std::string text_or(const rapidjson::Value* value, std::string_view fallback = {});
// scalar_text of a member, or `fallback`.
std::string text_field(const rapidjson::Value& object, std::string_view key, std::string_view fallback = {});
// A whole number member (a JSON integer or a string holding one), or `fallback`.
long long integer_field(const rapidjson::Value& object, std::string_view key, long long fallback);

// Parses `text`; nullopt when it is not valid JSON.
std::optional<rapidjson::Document> parse_json(std::string_view text);

// The fields a later step reads from a response: a JSON object body as is, any other JSON value
// under "body", and a non-JSON body as {"body": text}. Null when the body is empty.
rapidjson::Document response_fields(const HttpResponse& response);
// The same for a body its caller parsed already (`parsed`: nullopt when it is not JSON).
rapidjson::Document response_fields(const std::string& body, std::optional<rapidjson::Document> parsed);

// Appends `value` (deep copy) to `array`, or sets `object[key]` to it.
void push_copy(rapidjson::Value& array, const rapidjson::Value& value, rapidjson::Document::AllocatorType& alloc);
void set_copy(rapidjson::Value& object, std::string_view key, const rapidjson::Value& value,
              rapidjson::Document::AllocatorType& alloc);
void set_string(rapidjson::Value& object, std::string_view key, std::string_view text,
                rapidjson::Document::AllocatorType& alloc);

}  // namespace flowc::runtime::connectors
