#include "runtime/interpreter/after_crash.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"

namespace flowc::runtime {
namespace {

const ir::Field* top_field(const ir::Send& send, std::string_view name) {
  const auto found = std::ranges::find_if(
      send.fields, [name](const ir::Field& field) { return !field.path.empty() && field.path.front() == name; });
  return found == send.fields.end() ? nullptr : &*found;
}

// The method as written (`method = GET` or `method = "get"`); nullopt when it is computed.
std::optional<std::string> literal_method(const ir::Value& value) {
  std::string text;
  if (value.kind == ir::Value::Kind::Symbol) {
    text = value.text;
  } else if (value.kind == ir::Value::Kind::Template && value.parts.size() == 1 && !value.parts[0].is_ref) {
    text = value.parts[0].text;
  } else {
    return std::nullopt;
  }
  std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

bool resend_by_method(const ir::Send& send) {
  std::optional<std::string> method;
  if (const ir::Field* written = top_field(send, "method")) {
    method = literal_method(written->value);
  } else {
    // The connector's default: POST when there is a body.
    const bool has_body = top_field(send, "body") != nullptr || top_field(send, "raw_body") != nullptr;
    method = has_body ? "POST" : "GET";
  }
  return method == "GET" || method == "PUT" || method == "DELETE";
}

}  // namespace

bool resend_after_crash(const ir::Send& send) {
  const catalog::ConnectorSpec* connector = catalog::installed().find_connector(send.connector);
  const catalog::ActionSpec* action = connector ? catalog::find_action(*connector, send.action) : nullptr;
  if (action == nullptr) return false;  // unknown: the safe side is to hold
  switch (action->after_crash) {
    case catalog::AfterCrash::Resend: return true;
    case catalog::AfterCrash::Hold: return false;
    case catalog::AfterCrash::ByMethod: return resend_by_method(send);
  }
  return false;
}

}  // namespace flowc::runtime
