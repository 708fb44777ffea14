#include "ir/manifest/wire_shapes.hpp"

#include <rapidjson/pointer.h>

#include "base/json/json_writer.hpp"

namespace flowc::manifest {

namespace {

// `a.b` as the JSON pointer `/a/b`, each name escaped (RFC 6901: `~` as `~0`, `/` as `~1`).
std::string pointer_of(std::string_view dotted) {
  std::string pointer = "/";
  for (char c : dotted) {
    if (c == '.') {
      pointer += '/';
    } else if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
  return pointer;
}

}  // namespace

void set_at_path(rapidjson::Document& document, std::string_view dotted, const rapidjson::Value& value) {
  if (!document.IsObject()) document.SetObject();
  auto& allocator = document.GetAllocator();
  // RapidJSON's copy keeps a StringRef's pointer (a "const" string): the text is copied here, so
  // the caller's string may go once this returns.
  rapidjson::Value copy = value.IsString() ? rapidjson::Value(value.GetString(), value.GetStringLength(), allocator)
                                           : rapidjson::Value(value, allocator);
  rapidjson::Pointer(pointer_of(dotted).c_str()).Set(document, copy);
}

std::string lookup_page(const Lookup& lookup, const rapidjson::Value& match) {
  rapidjson::Document answer;
  rapidjson::Value list(rapidjson::kArrayType);
  list.PushBack(rapidjson::Value(match, answer.GetAllocator()), answer.GetAllocator());
  if (lookup.records.empty()) return to_json(list);  // the body itself is the list
  set_at_path(answer, lookup.records, list);
  if (!lookup.total.empty()) set_at_path(answer, lookup.total.front(), rapidjson::Value(1));
  return to_json(answer);
}

const Example* success_example(const ActionManifest& action) {
  for (const Example& example : action.examples)
    if (example.status >= 200 && example.status < 300) return &example;
  return nullptr;
}

}  // namespace flowc::manifest
