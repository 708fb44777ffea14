#include "compiler/parse/parse_text.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "base/text/utf8.hpp"

namespace flowc::parse_text {

bool append_utf8(std::string& out, std::uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  utf8::append(out, cp);
  return true;
}

std::optional<std::string> decode_escape(std::string_view escape) {
  if (escape.size() < 2) return std::nullopt;
  switch (escape[1]) {
    case 'n': return std::string("\n");
    case 't': return std::string("\t");
    case 'u': break;
    default: return std::string(1, escape[1]);  // `\"`, `\\`, `\{`
  }
  // `\u{XXXX}`: the hex digits sit between the braces.
  const std::string_view hex = escape.substr(3, escape.size() - 4);
  std::uint32_t code_point = 0;
  const auto [end, error] = std::from_chars(hex.data(), hex.data() + hex.size(), code_point, 16);
  if (error != std::errc() || end != hex.data() + hex.size()) return std::nullopt;
  std::string out;
  if (!append_utf8(out, code_point)) return std::nullopt;
  return out;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    const utf8::Decoded decoded = utf8::decode(text, at);
    if (!decoded.valid) return at;
    at += decoded.length;
  }
  return std::nullopt;
}

ast::TimeUnit duration_unit(std::string_view unit) {
  if (unit == "ms") return ast::TimeUnit::Milliseconds;
  if (unit == "m") return ast::TimeUnit::Minutes;
  if (unit == "h") return ast::TimeUnit::Hours;
  if (unit == "d") return ast::TimeUnit::Days;
  return ast::TimeUnit::Seconds;
}

ast::TimeUnit rate_unit(std::string_view unit) {
  if (unit == "min") return ast::TimeUnit::Minutes;
  if (unit == "h" || unit == "hour") return ast::TimeUnit::Hours;
  return ast::TimeUnit::Seconds;
}

namespace {

using Kind = Segment::Kind;

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// One source line of a `"""` string: its pieces and whether a line break ended it.
struct Line {
  std::vector<Segment> pieces;
  bool newline = false;
};

std::vector<Line> split_lines(std::vector<Segment> segments) {
  std::vector<Line> lines(1);
  for (Segment& segment : segments) {
    if (segment.kind != Kind::Source) {
      lines.back().pieces.push_back(std::move(segment));
      continue;
    }
    std::string text;
    for (std::size_t i = 0; i < segment.text.size(); ++i) {  // CRLF -> LF
      if (!(segment.text[i] == '\r' && i + 1 < segment.text.size() && segment.text[i + 1] == '\n')) {
        text += segment.text[i];
      }
    }
    std::size_t start = 0;
    while (true) {
      const std::size_t newline = text.find('\n', start);
      const std::size_t end = newline == std::string::npos ? text.size() : newline;
      if (end > start) lines.back().pieces.push_back(Segment{Kind::Source, text.substr(start, end - start), {}});
      if (newline == std::string::npos) break;
      lines.back().newline = true;
      lines.emplace_back();
      start = newline + 1;
    }
  }
  return lines;
}

// The whitespace a line starts with, and whether nothing else is on it.
struct Indent {
  std::string text;
  bool blank = true;
};

Indent indentation(const Line& line) {
  Indent out;
  for (const Segment& piece : line.pieces) {
    if (piece.kind != Kind::Source) {
      out.blank = false;
      return out;
    }
    std::size_t n = 0;
    while (n < piece.text.size() && is_space(piece.text[n])) ++n;
    out.text += piece.text.substr(0, n);
    if (n < piece.text.size()) {
      out.blank = false;
      return out;
    }
  }
  return out;
}

void remove_indentation(Line& line, std::size_t count) {
  for (Segment& piece : line.pieces) {
    if (piece.kind != Kind::Source || count == 0) return;
    std::size_t n = 0;
    while (n < piece.text.size() && n < count && is_space(piece.text[n])) ++n;
    piece.text.erase(0, n);
    count -= n;
    if (!piece.text.empty()) return;
  }
}

std::size_t common_prefix_length(std::string_view a, std::string_view b) {
  const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  return static_cast<std::size_t>(ia - a.begin());
}

std::vector<Segment> dedent(std::vector<Segment> segments) {
  std::vector<Line> lines = split_lines(std::move(segments));
  // The line break right after the opening `"""` (and spaces before it) is not content.
  if (lines.size() > 1 && indentation(lines.front()).blank) lines.erase(lines.begin());
  // Nor is the indentation of the closing `"""`.
  if (indentation(lines.back()).blank) lines.back().pieces.clear();

  std::optional<std::string> common;
  for (const Line& line : lines) {
    const Indent indent = indentation(line);
    if (indent.blank) continue;
    if (!common)
      common = indent.text;
    else
      common->resize(common_prefix_length(*common, indent.text));
  }
  std::vector<Segment> out;
  for (Line& line : lines) {
    remove_indentation(line, common ? common->size() : 0);
    for (Segment& piece : line.pieces) out.push_back(std::move(piece));
    if (line.newline) out.push_back(Segment{Kind::Source, "\n", {}});
  }
  return out;
}

}  // namespace

std::vector<ast::TemplatePart> assemble_template(std::vector<Segment> segments, bool multiline) {
  if (multiline) segments = dedent(std::move(segments));
  std::vector<ast::TemplatePart> parts;
  for (Segment& segment : segments) {
    if (segment.kind == Kind::Interpolation) {
      ast::TemplatePart part;
      part.is_interpolation = true;
      part.interpolation = std::move(segment.interpolation);
      parts.push_back(std::move(part));
    } else if (!segment.text.empty()) {
      if (parts.empty() || parts.back().is_interpolation) parts.emplace_back();
      parts.back().text += segment.text;
    }
  }
  return parts;
}

}  // namespace flowc::parse_text
