#include "compiler/parse/parse_recovery.hpp"

#include <algorithm>
#include <initializer_list>

namespace flowc::parse_recovery {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::size_t line_start(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  return newline == std::string_view::npos ? 0 : newline + 1;
}

// The indentation and first word of the line starting at `begin`.
struct LineHead {
  std::size_t indent = 0;
  std::string_view word;
};

LineHead line_head(std::string_view text, std::size_t begin) {
  LineHead head;
  while (begin + head.indent < text.size() && is_blank(text[begin + head.indent])) ++head.indent;
  std::size_t end = begin + head.indent;
  while (end < text.size() && is_word_char(text[end])) ++end;
  head.word = text.substr(begin + head.indent, end - begin - head.indent);
  return head;
}

bool is_any_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

std::size_t resume_offset(std::string_view text, std::size_t statement_begin, std::size_t error_offset,
                          std::size_t open_ifs) {
  const std::size_t statement_line = line_start(text, statement_begin);
  const std::size_t max_indent = statement_begin - statement_line;
  std::size_t depth = open_ifs;
  std::size_t pos = line_start(text, error_offset);
  bool error_line = true;
  while (pos < text.size()) {
    const std::size_t newline = text.find('\n', pos);
    const std::size_t next = newline == std::string_view::npos ? text.size() : newline + 1;
    const LineHead head = line_head(text, pos);
    const bool eligible = !error_line || (error_offset <= pos + head.indent && pos > statement_line);
    if (eligible) {
      const bool shallow = head.indent <= max_indent;
      if (shallow && is_any_of(head.word, {"flow", "account", "source", "schedule", "settings"})) return pos;
      if (shallow && depth == 0 && is_any_of(head.word, {"send", "if"})) return pos;
      if (head.word == "if") {
        ++depth;
      } else if (head.word == "end" && depth > 0) {
        if (--depth == 0) return next;
      }
    }
    error_line = false;
    pos = next;
  }
  return text.size();
}

}  // namespace flowc::parse_recovery
