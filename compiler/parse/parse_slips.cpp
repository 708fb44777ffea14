#include "compiler/parse/parse_slips.hpp"

#include <fmt/format.h>

#include <vector>

#include "compiler/check/suggest.hpp"

namespace flowc::parse_slips {
namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
// Where an unquoted value ends: white space, a line end, a quote or a bracket of the block.
bool ends_bare_value(char c) {
  return is_blank(c) || c == '\r' || c == '\n' || c == '"' || c == '}' || c == '{' || c == '=' || c == '#';
}

std::string_view word_at(std::string_view text, std::size_t offset) {
  std::size_t end = offset;
  while (end < text.size() && is_word_char(text[end])) ++end;
  return text.substr(offset, end - offset);
}

Slip at(std::size_t offset, std::size_t length, std::string help) {
  return Slip{offset, static_cast<std::uint32_t>(length), std::move(help)};
}

// `sned` where a statement (E001) or a step inside an `if` (E005) should start.
std::optional<Slip> misspelt_keyword(std::string_view text, std::string_view code, std::size_t offset) {
  static const std::vector<std::string> kStatements{"flow", "account", "source", "send", "if", "schedule", "settings"};
  static const std::vector<std::string> kSteps{"send", "if", "else", "end"};
  const std::string_view word = word_at(text, offset);
  if (word.empty()) return std::nullopt;
  const std::string keyword = closest_name(word, code == "E001" ? kStatements : kSteps);
  if (keyword.empty() || keyword == word) return std::nullopt;
  return at(offset, word.size(), fmt::format("did you mean `{}`?", keyword));
}

// `if update.result = fail`: one `=` sets a field; comparing takes two.
std::optional<Slip> single_equals(std::string_view text, std::size_t offset) {
  if (text.substr(offset, 1) != "=" || text.substr(offset, 2) == "==") return std::nullopt;
  return at(offset, 1, "use `==` to compare");
}

// 'text': the language has one kind of quote.
std::optional<Slip> single_quotes(std::string_view text, std::size_t offset) {
  if (text.substr(offset, 1) != "'") return std::nullopt;
  const std::size_t close = text.find_first_of("'\n", offset + 1);
  if (close == std::string_view::npos || text[close] != '\'') {
    return at(offset, 1, "strings use double quotes: \"...\"");
  }
  const std::string_view inside = text.substr(offset + 1, close - offset - 1);
  return at(offset, close + 1 - offset, fmt::format("strings use double quotes: \"{}\"", inside));
}

// `chat_id: "x"` inside a block, as in JSON or YAML.
std::optional<Slip> colon_for_equals(std::string_view text, std::size_t offset) {
  std::size_t end = offset;
  while (end < text.size() && (is_word_char(text[end]) || text[end] == '.' || text[end] == '-')) ++end;
  if (end == offset) return std::nullopt;
  const std::string_view name = text.substr(offset, end - offset);
  while (end < text.size() && is_blank(text[end])) ++end;
  if (text.substr(end, 1) != ":") return std::nullopt;
  return at(end, 1, fmt::format("fields are set with `=`: `{} = ...`", name));
}

// `path = data/orders.csv`: the parser stops at the `/` (or the leading `.` or `/`) of a path
// written without quotes.
std::optional<Slip> unquoted_path(std::string_view text, std::size_t offset) {
  if (offset >= text.size() || ends_bare_value(text[offset])) return std::nullopt;
  std::size_t begin = offset;
  while (begin > 0 && !ends_bare_value(text[begin - 1])) --begin;
  std::size_t end = offset;
  while (end < text.size() && !ends_bare_value(text[end])) ++end;
  const std::string_view value = text.substr(begin, end - begin);
  if (value.find_first_of("/\\") == std::string_view::npos) return std::nullopt;
  const bool url = value.find("://") != std::string_view::npos;
  return at(begin, value.size(), fmt::format("quote the {}: \"{}\"", url ? "URL" : "path", value));
}

}  // namespace

std::optional<Slip> recognize(std::string_view text, std::string_view code, std::size_t error_offset) {
  if (error_offset >= text.size()) return std::nullopt;
  if (auto slip = single_quotes(text, error_offset)) return slip;
  if (code == "E008" || code == "E010") {
    if (auto slip = unquoted_path(text, error_offset)) return slip;
  }
  if (code == "E011") return single_equals(text, error_offset);
  if (code == "E009" || code == "E002") {
    if (auto slip = colon_for_equals(text, error_offset)) return slip;
  }
  if (code == "E002" && text[error_offset] == ':') return at(error_offset, 1, "use `=`");
  if (code == "E001" || code == "E005") return misspelt_keyword(text, code, error_offset);
  return std::nullopt;
}

}  // namespace flowc::parse_slips
