// Writing a std::string_view with any RapidJSON writer (Writer, PrettyWriter, JsonWriter): the
// length goes along, so the text needs no terminating NUL and may hold one.
#pragma once

#include <rapidjson/rapidjson.h>

#include <string_view>

namespace flowc::json {

template <typename Writer>
bool put_string(Writer& writer, std::string_view text) {
  return writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

template <typename Writer>
bool put_key(Writer& writer, std::string_view key) {
  return writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

// A member whose value is a string: `"key": "text"`.
template <typename Writer>
bool put_member(Writer& writer, std::string_view key, std::string_view text) {
  return put_key(writer, key) && put_string(writer, text);
}

}  // namespace flowc::json
