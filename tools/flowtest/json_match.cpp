#include "tools/flowtest/json_match.hpp"

#include <fmt/format.h>

#include "base/json/json_util.hpp"
#include "base/json/json_writer.hpp"

namespace flowc::flowtest {

namespace {

using json::member;

std::string shown(const rapidjson::Value* value) {
  return value == nullptr ? "(missing)" : to_json(*value);
}

// 300 and 300.0 are the same number on the wire; compare numbers by value, not by representation.
bool equal(const rapidjson::Value& a, const rapidjson::Value& b) {
  if (a.IsNumber() && b.IsNumber()) return a.GetDouble() == b.GetDouble();
  return a == b;
}

}  // namespace

void match_json(const rapidjson::Value& expected, const rapidjson::Value* actual, const std::string& path,
                MatchMode mode, std::vector<Difference>& out) {
  if (actual == nullptr) {
    out.push_back({path, to_json(expected), "(missing)"});
    return;
  }
  if (mode == MatchMode::Exact) {
    if (!equal(expected, *actual) && !(expected.IsObject() && actual->IsObject())) {
      out.push_back({path, to_json(expected), to_json(*actual)});
      return;
    }
  }
  if (expected.IsObject() && actual->IsObject()) {
    for (const auto& entry : expected.GetObject()) {
      std::string key(entry.name.GetString(), entry.name.GetStringLength());
      match_json(entry.value, member(*actual, key), path + "." + key, mode, out);
    }
    if (mode != MatchMode::Exact) return;
    for (const auto& entry : actual->GetObject()) {  // keys sent but not expected
      std::string key(entry.name.GetString(), entry.name.GetStringLength());
      if (member(expected, key) == nullptr) out.push_back({path + "." + key, "(absent)", to_json(entry.value)});
    }
    return;
  }
  if (expected.IsArray() && actual->IsArray() && expected.Size() == actual->Size()) {
    for (rapidjson::SizeType i = 0; i < expected.Size(); ++i)
      match_json(expected[i], &(*actual)[i], fmt::format("{}[{}]", path, i), mode, out);
    return;
  }
  if (mode == MatchMode::Contains && expected.IsString()) {
    std::string_view needle(expected.GetString(), expected.GetStringLength());
    bool found = actual->IsString() &&
                 std::string_view(actual->GetString(), actual->GetStringLength()).find(needle) != std::string::npos;
    if (!found) out.push_back({path, fmt::format("a text containing {}", to_json(expected)), shown(actual)});
    return;
  }
  if (!equal(expected, *actual)) out.push_back({path, to_json(expected), to_json(*actual)});
}

}  // namespace flowc::flowtest
