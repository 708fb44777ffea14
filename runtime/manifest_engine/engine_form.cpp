#include "runtime/manifest_engine/engine_form.hpp"

#include <fmt/format.h>

#include "base/json/json_writer.hpp"
#include "runtime/connector_kit/url.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::manifest_engine {

namespace {

void flatten(const rapidjson::Value& value, const std::string& name, FormPairs& out) {
  if (value.IsNull()) return;
  if (value.IsObject()) {
    for (const auto& member : value.GetObject()) {
      const std::string key(member.name.GetString(), member.name.GetStringLength());
      flatten(member.value, name.empty() ? key : name + "[" + key + "]", out);
    }
    return;
  }
  if (value.IsArray()) {
    rapidjson::SizeType index = 0;
    for (const auto& item : value.GetArray()) {
      flatten(item, item.IsObject() || item.IsArray() ? fmt::format("{}[{}]", name, index) : name + "[]", out);
      ++index;
    }
    return;
  }
  out.emplace_back(name, connectors::scalar_text(&value).value_or(""));
}

bool appears_in(const FormPairs& pairs, std::string_view text) {
  for (const auto& [name, value] : pairs)
    if (name.find(text) != std::string::npos || value.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

FormPairs form_pairs(const rapidjson::Value& body) {
  FormPairs pairs;
  flatten(body, "", pairs);
  return pairs;
}

std::string form_body(const FormPairs& pairs) { return connectors::form_encode(pairs); }

std::string multipart_boundary(const FormPairs& pairs) {
  std::string boundary = "flowc-form-boundary-0";
  for (int attempt = 1; appears_in(pairs, boundary); ++attempt) boundary = fmt::format("flowc-form-boundary-{}", attempt);
  return boundary;
}

std::string multipart_body(const FormPairs& pairs, std::string_view boundary) {
  std::string body;
  for (const auto& [name, value] : pairs) {
    std::string quoted;  // RFC 7578 4.2: the name is a quoted string; a quote or line break in it is escaped
    for (char c : name) {
      if (c == '"') {
        quoted += "%22";
      } else if (c == '\r') {
        quoted += "%0D";
      } else if (c == '\n') {
        quoted += "%0A";
      } else {
        quoted += c;
      }
    }
    body += fmt::format("--{}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{}\r\n", boundary, quoted, value);
  }
  body += fmt::format("--{}--\r\n", boundary);
  return body;
}

}  // namespace flowc::runtime::manifest_engine
