#include "runtime/eval/eval_error.hpp"

#include <fmt/format.h>

#include "base/text/utf8.hpp"

namespace flowc::runtime {
namespace {

constexpr std::size_t kMaxQuotedChars = 60;

void append_escaped(std::string& out, char c) {
  switch (c) {
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
      } else {
        out += c;
      }
  }
}

}  // namespace

std::string quote_value(std::string_view value) {
  std::string shown = utf8::truncate(value, kMaxQuotedChars);
  const bool cut = shown.size() < value.size();
  shown = utf8::sanitize(shown);
  std::string out = "\"";
  for (char c : shown) append_escaped(out, c);
  out += cut ? "...\"" : "\"";
  return out;
}

}  // namespace flowc::runtime
