#include "runtime/connector_kit/error_text.hpp"

#include <fmt/format.h>

#include "runtime/json_util.hpp"
#include "base/text/utf8.hpp"

namespace flowc::runtime::connectors {

namespace {

constexpr std::size_t kMaxBodyExcerpt = 300;
constexpr std::size_t kMaxNotJsonExcerpt = 200;

// "title can't be blank, total must be a number" from {"title": ["can't be blank"], "total": [...]}.
std::string field_errors(const rapidjson::Value& errors) {
  std::string joined;
  auto add = [&joined](std::string_view field, std::string_view text) {
    if (!joined.empty()) joined += ", ";
    joined += field.empty() ? std::string(text) : fmt::format("{} {}", field, text);
  };
  if (errors.IsArray()) {
    for (const auto& item : errors.GetArray())
      if (auto text = scalar_text(&item)) add({}, *text);
    return joined;
  }
  if (!errors.IsObject()) return joined;
  for (const auto& entry : errors.GetObject()) {
    std::string_view field(entry.name.GetString(), entry.name.GetStringLength());
    if (entry.value.IsArray()) {
      for (const auto& item : entry.value.GetArray())
        if (auto text = scalar_text(&item)) add(field, *text);
    } else if (auto text = scalar_text(&entry.value)) {
      add(field, *text);
    }
  }
  return joined;
}

std::string with_details(std::string message, const std::string& details) {
  if (details.empty() || message.find(details) != std::string::npos) return message;
  if (message.empty()) return details;
  return fmt::format("{}: {}", message, details);
}

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

// `text` on one line: each run of blanks and line breaks becomes one space, any other control byte
// U+FFFD (an HTML page or a binary answer must not garble the terminal or the log).
std::string one_printable_line(std::string_view text) {
  std::string line;
  line.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte == ' ' || byte == '\t' || byte == '\r' || byte == '\n') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else if (byte < 0x20 || byte == 0x7F) {
      line += "\uFFFD";
    } else {
      line += c;
    }
  }
  if (!line.empty() && line.back() == ' ') line.pop_back();
  return utf8::sanitize(line);
}

}  // namespace

std::string json_error_message(const rapidjson::Value& body) {
  if (!body.IsObject()) return {};
  std::string details;
  if (const auto* errors = member(body, "errors")) details = field_errors(*errors);
  if (auto message = scalar_text(member(body, "message"))) return with_details(*message, details);
  if (const auto* error = member(body, "error"); error != nullptr && error->IsObject()) {
    if (auto message = scalar_text(member(*error, "message"))) return *message;
  }
  if (auto description = scalar_text(member(body, "error_description"))) return *description;
  if (auto description = scalar_text(member(body, "description"))) return *description;
  if (auto error = scalar_text(member(body, "error"))) return with_details(*error, details);
  return details;
}

std::string error_text(const HttpResponse& response) {
  if (auto parsed = parse_json(response.body)) {
    std::string message = json_error_message(*parsed);
    if (!message.empty()) return message;
  }
  auto first = response.body.find_first_not_of(" \t\r\n");
  if (first != std::string::npos) return utf8_prefix(std::string_view(response.body).substr(first), kMaxBodyExcerpt);
  if (!response.error.empty()) return response.error;
  return fmt::format("HTTP {}", response.status);
}

std::string not_json_text(const HttpResponse& response) {
  std::string content_type = response.header("content-type");
  std::string what = fmt::format("not JSON (HTTP {}, Content-Type {})", response.status,
                                 content_type.empty() ? "not given" : content_type);
  std::string start = one_printable_line(utf8_prefix(response.body, kMaxNotJsonExcerpt));
  return start.empty() ? what : fmt::format("{}: {}", what, start);
}

std::string redact(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
  return text;
}

}  // namespace flowc::runtime::connectors
