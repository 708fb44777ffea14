#include "base/json/json_util.hpp"

#include <charconv>
#include <cmath>

#include "base/json/json_parse.hpp"
#include "base/json/json_writer.hpp"

namespace flowc::json {

const rapidjson::Value* member(const rapidjson::Value& object, std::string_view key) {
  if (!object.IsObject()) return nullptr;
  // FindMember's own loop, with the key's length and bytes at hand: connectors look up a few
  // members of small objects for every send, so the lengths settle nearly every comparison.
  for (const auto& entry : object.GetObject()) {
    if (entry.name.GetStringLength() == key.size() &&
        std::string_view(entry.name.GetString(), entry.name.GetStringLength()) == key) {
      return &entry.value;
    }
  }
  return nullptr;
}

const rapidjson::Value* member_path(const rapidjson::Value& object, std::string_view dotted) {
  const rapidjson::Value* current = &object;
  while (current != nullptr) {
    auto dot = dotted.find('.');
    current = member(*current, dotted.substr(0, dot));
    if (dot == std::string_view::npos) break;
    dotted.remove_prefix(dot + 1);
  }
  return current;
}

std::optional<std::string> scalar_text(const rapidjson::Value* value) {
  if (value == nullptr) return std::nullopt;
  if (value->IsString()) return std::string(value->GetString(), value->GetStringLength());
  if (value->IsDouble()) {  // 77.0 is the id 77 in a URL, not "77.0"
    double number = value->GetDouble();
    if (number == std::trunc(number) && std::abs(number) < 1e15) return std::to_string(static_cast<long long>(number));
  }
  // Whole numbers as RapidJSON writes them, without a writer and its buffer.
  if (value->IsInt64()) return std::to_string(value->GetInt64());
  if (value->IsUint64()) return std::to_string(value->GetUint64());
  if (value->IsNumber() || value->IsBool()) return to_json(*value);
  return std::nullopt;
}

std::string text_or(const rapidjson::Value* value, std::string_view fallback) {
  auto text = scalar_text(value);
  return text ? std::move(*text) : std::string(fallback);
}

std::string text_field(const rapidjson::Value& object, std::string_view key, std::string_view fallback) {
  return text_or(member(object, key), fallback);
}

std::string_view text_field_view(const rapidjson::Value& object, std::string_view key, std::string_view fallback,
                                 std::string& scratch) {
  const rapidjson::Value* value = member(object, key);
  if (value == nullptr) return fallback;
  if (value->IsString()) return {value->GetString(), value->GetStringLength()};
  auto text = scalar_text(value);
  if (!text) return fallback;
  scratch = std::move(*text);
  return scratch;
}

long long integer_field(const rapidjson::Value& object, std::string_view key, long long fallback) {
  const rapidjson::Value* value = member(object, key);
  if (value == nullptr) return fallback;
  if (value->IsInt64()) return value->GetInt64();
  if (value->IsDouble()) {
    double number = value->GetDouble();
    auto whole = static_cast<long long>(number);
    return static_cast<double>(whole) == number ? whole : fallback;
  }
  if (value->IsString()) {
    std::string_view text(value->GetString(), value->GetStringLength());
    long long parsed = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error == std::errc() && end == text.data() + text.size()) return parsed;
  }
  return fallback;
}

std::optional<rapidjson::Document> parse_json(std::string_view text) {
  rapidjson::Document document;
  if (parse_json_document(document, text).IsError()) return std::nullopt;
  return document;
}

rapidjson::Value json_string(std::string_view text, rapidjson::Document::AllocatorType& alloc) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), alloc);
}

void push_copy(rapidjson::Value& array, const rapidjson::Value& value, rapidjson::Document::AllocatorType& alloc) {
  array.PushBack(rapidjson::Value(value, alloc), alloc);
}

void set_copy(rapidjson::Value& object, std::string_view key, const rapidjson::Value& value,
              rapidjson::Document::AllocatorType& alloc) {
  object.AddMember(json_string(key, alloc), rapidjson::Value(value, alloc), alloc);
}

void set_string(rapidjson::Value& object, std::string_view key, std::string_view text,
                rapidjson::Document::AllocatorType& alloc) {
  object.AddMember(json_string(key, alloc), json_string(text, alloc), alloc);
}

}  // namespace flowc::json
