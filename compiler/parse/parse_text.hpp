// Text helpers of the parser: escape decoding, UTF-8 checks, and assembling (and dedenting) the
// pieces of a string literal into template parts. Plain functions, so they are tested directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/parse/ast.hpp"

namespace flowc::parse_text {

// The UTF-8 byte order mark some editors put at the start of a file; a flow may begin with one.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Appends `code_point` as UTF-8; false (and nothing appended) if it is not a Unicode scalar value.
bool append_utf8(std::string& out, std::uint32_t code_point);

// Decodes one escape as written (`\n`, `\"`, `\u{263A}`); nullopt for an invalid code point.
// The grammar guarantees the shape, so only the value of `\u{...}` can be wrong.
std::optional<std::string> decode_escape(std::string_view escape);

// The offset of the first byte that does not begin a valid UTF-8 sequence (overlongs, surrogates
// and code points past U+10FFFF are invalid), or nullopt if `text` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// The unit of a duration (`s`, `ms`, `m`, `h`, `d`) or of a rate (`s`, `sec`, `min`, `h`, `hour`) as
// the grammar accepted it.
ast::TimeUnit duration_unit(std::string_view unit);
ast::TimeUnit rate_unit(std::string_view unit);

// One piece of a string literal as the parser reads it.
struct Segment {
  enum class Kind { Source, Escaped, Interpolation };
  Kind kind = Kind::Source;
  std::string text;  // Source: the characters as written; Escaped: the decoded escape
  ast::Interpolation interpolation;
};

// Joins segments into template parts (adjacent text merged). For a `"""` string, first drops the
// line break right after the opening quotes and the indentation before the closing ones, turns
// CRLF into LF, and removes the leading whitespace common to all non-blank lines. Only whitespace
// written in the source counts as indentation: an escape or `{{ }}` at a line start is content.
std::vector<ast::TemplatePart> assemble_template(std::vector<Segment> segments, bool multiline);

}  // namespace flowc::parse_text
