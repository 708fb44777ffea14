// Small, forgiving readers and writers of RapidJSON values, shared by every layer that handles
// JSON from outside (connectors, the stand-in services, flowtest specs). Absent members and wrong
// types read as "nothing", so a caller can turn them into a clear error instead of an assertion.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace flowc::json {

// The member `key` of `object`, or nullptr when `object` is not an object or lacks it.
const rapidjson::Value* member(const rapidjson::Value& object, std::string_view key);
// The member reached by a dotted path (`client.person`), or nullptr.
const rapidjson::Value* member_path(const rapidjson::Value& object, std::string_view dotted);

// A scalar as text: strings as they are, numbers as written in JSON (a whole double without its
// ".0"), booleans as true/false. nullopt for null, arrays, objects and absent values.
std::optional<std::string> scalar_text(const rapidjson::Value* value);
// scalar_text of a value (null: absent), or `fallback`.
std::string text_or(const rapidjson::Value* value, std::string_view fallback = {});
// scalar_text of a member, or `fallback`.
std::string text_field(const rapidjson::Value& object, std::string_view key, std::string_view fallback = {});
// text_field without a copy for a string member (the usual case): its bytes in place; any other
// scalar's text is made in `scratch`. Valid while `object`, `fallback` and `scratch` are.
std::string_view text_field_view(const rapidjson::Value& object, std::string_view key, std::string_view fallback,
                                 std::string& scratch);
// A whole number member (a JSON integer or a string holding one), or `fallback`.
long long integer_field(const rapidjson::Value& object, std::string_view key, long long fallback);

// Parses `text` (through parse_json_document); nullopt when it is not valid JSON.
std::optional<rapidjson::Document> parse_json(std::string_view text);

// A JSON string value holding a copy of `text` in `alloc`.
rapidjson::Value json_string(std::string_view text, rapidjson::Document::AllocatorType& alloc);
// Appends `value` (deep copy) to `array`, or sets `object[key]` to it.
void push_copy(rapidjson::Value& array, const rapidjson::Value& value, rapidjson::Document::AllocatorType& alloc);
void set_copy(rapidjson::Value& object, std::string_view key, const rapidjson::Value& value,
              rapidjson::Document::AllocatorType& alloc);
// Sets `object[key]` to a copy of the string `text`.
void set_string(rapidjson::Value& object, std::string_view key, std::string_view text,
                rapidjson::Document::AllocatorType& alloc);

}  // namespace flowc::json
