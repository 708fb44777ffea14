#include "compiler/report/formatter.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "compiler/compile.hpp"
#include "ir/json/ir_json.hpp"
#include "base/json/json_parse.hpp"
#include "compiler/parse/parse_text.hpp"

namespace flowc {
namespace {

// ---------------------------------------------------------------------------------------------
// Tokens: copied verbatim; only the white space between them is the formatter's to choose.

struct Token {
  enum class Kind { Word, String, Triple, Comment, Punct };
  Kind kind = Kind::Word;
  std::string text;
  bool is(std::string_view punct) const { return kind == Kind::Punct && text == punct; }
  bool is_word(std::string_view word) const { return kind == Kind::Word && text == word; }
};

using Line = std::vector<Token>;  // a `"""` string stays one token of the line it starts on

bool is_punct(char c) {
  return std::string_view("=<>!{}[](),").find(c) != std::string_view::npos;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Line> lines() {
    std::vector<Line> out(1);
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == '\n') {
        out.emplace_back();
        ++i_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else if (c == '#') {
        const std::size_t end = text_.find_first_of("\r\n", i_);
        take(out.back(), Token::Kind::Comment, end == std::string_view::npos ? text_.size() : end);
      } else if (text_.substr(i_, 3) == "\"\"\"") {
        take(out.back(), Token::Kind::Triple, triple_end(i_ + 3));
      } else if (c == '"') {
        take(out.back(), Token::Kind::String, string_end(i_ + 1));
      } else if (is_punct(c)) {
        const bool two =
            i_ + 1 < text_.size() && text_[i_ + 1] == '=' && std::string_view("=!<>").find(c) != std::string_view::npos;
        take(out.back(), Token::Kind::Punct, i_ + (two ? 2 : 1));
      } else {
        std::size_t end = i_;
        while (end < text_.size() && std::string_view(" \t\r\n\"#").find(text_[end]) == std::string_view::npos &&
               !is_punct(text_[end])) {
          ++end;
        }
        take(out.back(), Token::Kind::Word, end);
      }
    }
    return out;
  }

 private:
  void take(Line& line, Token::Kind kind, std::size_t end) {
    line.push_back({kind, std::string(text_.substr(i_, end - i_))});
    i_ = end;
  }

  // After `"` of a simple string (a filter argument): to after its closing `"`.
  std::size_t simple_end(std::size_t j) const {
    while (j < text_.size() && text_[j] != '\n') {
      if (text_[j] == '\\')
        j += 2;
      else if (text_[j++] == '"')
        return j;
    }
    return std::min(j, text_.size());
  }

  // After `{{`: to after `}}`, skipping filter arguments, whose strings may hold `"` and `}}`.
  std::size_t interpolation_end(std::size_t j) const {
    while (j < text_.size() && text_[j] != '\n') {
      if (text_.substr(j, 2) == "}}") return j + 2;
      j = text_[j] == '"' ? simple_end(j + 1) : j + 1;
    }
    return std::min(j, text_.size());
  }

  std::size_t string_end(std::size_t j) const {
    while (j < text_.size() && text_[j] != '\n') {
      if (text_[j] == '\\')
        j += 2;
      else if (text_.substr(j, 2) == "{{")
        j = interpolation_end(j + 2);
      else if (text_[j++] == '"')
        return j;
    }
    return std::min(j, text_.size());
  }

  std::size_t triple_end(std::size_t j) const {
    while (j < text_.size()) {
      if (text_[j] == '\\')
        j += 2;
      else if (text_.substr(j, 3) == "\"\"\"")
        return j + 3;
      else if (text_.substr(j, 2) == "{{")
        j = interpolation_end(j + 2);
      else
        ++j;
    }
    return text_.size();
  }

  std::string_view text_;
  std::size_t i_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Layout.

bool is_opener(const Token& t) {
  return t.is("{") || t.is("[") || t.is("(");
}
bool is_closer(const Token& t) {
  return t.is("}") || t.is("]") || t.is(")");
}

// A line that sets a field: `NAME = value` at its start, inside a `{ }` block.
bool starts_with_field(const Line& line) {
  return line.size() >= 2 && line[0].kind == Token::Kind::Word && line[1].is("=");
}

struct PlacedLine {
  int depth = 0;
  int block = -1;  // the `{ }` block the line sits directly in; -1 at the top level or in `[ ]`
  bool field = false;
  std::vector<char> open_at_start;            // the brackets open where the line starts, innermost last
  std::map<std::size_t, std::size_t> pad_to;  // token index -> width it is padded to (alignment)
};

class Layout {
 public:
  explicit Layout(std::vector<Line> lines) : lines_(std::move(lines)) {}

  std::string render() {
    place();
    align_fields();
    align_accounts();
    std::string out;
    bool pending_blank = false;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].empty()) {
        pending_blank = !out.empty();
        continue;
      }
      if (pending_blank) out += '\n';
      pending_blank = false;
      out += std::string(static_cast<std::size_t>(2 * std::max(placed_[i].depth, 0)), ' ');
      out += render_line(lines_[i], placed_[i]);
      out += '\n';
    }
    return out;
  }

 private:
  // Depth of each line: `if ... then` / `else` open a level, `end` closes one; so do brackets.
  void place() {
    std::vector<char> open;      // brackets open at this point
    std::vector<int> block_ids;  // ids of the open brackets (`{` blocks get one; others -1)
    int depth = 0;
    int next_block = 0;
    for (const Line& line : lines_) {
      PlacedLine placed;
      placed.open_at_start = open;
      if (line.empty()) {
        placed_.push_back(placed);
        continue;
      }
      const Token& first = line.front();
      const bool keyword_close = first.is_word("end") || first.is_word("else");
      int line_depth = depth - ((is_closer(first) || keyword_close) ? 1 : 0);
      placed.depth = line_depth;
      placed.block = !open.empty() && open.back() == '{' ? block_ids.back() : -1;
      placed.field = placed.block >= 0 && starts_with_field(line);
      for (const Token& token : line) {
        if (is_opener(token)) {
          open.push_back(token.text[0]);
          block_ids.push_back(token.text[0] == '{' ? next_block++ : -1);
          ++depth;
        } else if (is_closer(token) && !open.empty()) {
          open.pop_back();
          block_ids.pop_back();
          --depth;
        }
      }
      const Token& last =
          line.back().kind == Token::Kind::Comment && line.size() > 1 ? line[line.size() - 2] : line.back();
      if (first.is_word("end")) --depth;
      if (first.is_word("else")) --depth;
      if (last.is_word("then") || last.is_word("else")) ++depth;
      placed_.push_back(placed);
    }
  }

  // The `=` of the fields that start a line line up within their block.
  void align_fields() {
    std::map<int, std::size_t> width;  // per block, the widest field name
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (placed_[i].field) width[placed_[i].block] = std::max(width[placed_[i].block], lines_[i][0].text.size());
    }
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (placed_[i].field) placed_[i].pad_to[0] = width[placed_[i].block];
    }
  }

  // Consecutive `account` lines read as a table, as in the docs: the account names and the
  // connectors each start in one column, and so do the `=` of the fields when every line of the
  // run has a one-field block (with more fields, padding the first one only spreads the line).
  void align_accounts() {
    auto is_account = [&](std::size_t i) {
      return placed_[i].depth == 0 && lines_[i].size() >= 3 && lines_[i][0].is_word("account") && lines_[i][2].is("=");
    };
    auto has_field_block = [&](std::size_t i) {
      const Line& line = lines_[i];
      return line.size() >= 7 && line[4].is("{") && line[5].kind == Token::Kind::Word && line[6].is("=");
    };
    auto has_one_field = [&](std::size_t i) {
      const Line& line = lines_[i];
      return has_field_block(i) && line.size() >= 9 && line[8].is("}") &&
             (line.size() == 9 || line[9].kind == Token::Kind::Comment);
    };
    for (std::size_t start = 0; start < lines_.size();) {
      if (!is_account(start)) {
        ++start;
        continue;
      }
      std::size_t end = start;
      bool one_field_each = true;
      std::map<std::size_t, std::size_t> width;  // token index -> widest text in the run
      for (; end < lines_.size() && is_account(end); ++end) {
        width[1] = std::max(width[1], lines_[end][1].text.size());
        one_field_each = one_field_each && has_one_field(end);
        if (!has_field_block(end)) continue;
        for (std::size_t token : {3u, 5u}) width[token] = std::max(width[token], lines_[end][token].text.size());
      }
      for (std::size_t i = start; i < end; ++i) {
        placed_[i].pad_to[1] = width[1];
        if (!has_field_block(i)) continue;
        placed_[i].pad_to[3] = width[3];
        if (one_field_each) placed_[i].pad_to[5] = width[5];
      }
      start = end;
    }
  }

  // Spacing between tokens, tracking brackets within the line so that fields of a one-line block
  // get two spaces between them.
  static std::string render_line(const Line& line, const PlacedLine& placed) {
    std::vector<char> open = placed.open_at_start;
    std::string out = line[0].text;
    if (is_opener(line[0])) open.push_back(line[0].text[0]);
    if (is_closer(line[0]) && !open.empty()) open.pop_back();
    for (std::size_t i = 1; i < line.size(); ++i) {
      const Token& a = line[i - 1];
      const Token& b = line[i];
      const bool in_block = !open.empty() && open.back() == '{';
      const bool field_start = in_block && b.kind == Token::Kind::Word && i + 1 < line.size() && line[i + 1].is("=") &&
                               !a.is("{") && !a.is("=");
      std::size_t gap = 1;
      if (const auto pad = placed.pad_to.find(i - 1); pad != placed.pad_to.end()) {
        gap = pad->second - a.text.size() + 1;
      } else if (b.kind == Token::Kind::Comment || field_start) {
        gap = 2;
      } else if (a.is("(") || a.is("[") || b.is(")") || b.is("]") || b.is(",") || (a.is("{") && b.is("}"))) {
        gap = 0;
      }
      out.append(gap, ' ');
      out += b.text;
      if (is_opener(b)) open.push_back(b.text[0]);
      if (is_closer(b) && !open.empty()) open.pop_back();
    }
    return out;
  }

  std::vector<Line> lines_;
  std::vector<PlacedLine> placed_;
};

// What the layout keeps of how the file was saved: a byte order mark, and CRLF line ends. Tokens
// are laid out on LF text; the file's own line end is put back on every line, so a CRLF file
// stays CRLF throughout (the first line break decides, as editors do).
struct SavedForm {
  bool bom = false;
  bool crlf = false;
};

SavedForm saved_form(std::string_view text) {
  SavedForm form;
  form.bom = text.starts_with(parse_text::kUtf8Bom);
  const std::size_t newline = text.find('\n');
  form.crlf = newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r';
  return form;
}

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0;;) {
    const std::size_t found = text.find(from, pos);
    out += text.substr(pos, found == std::string_view::npos ? std::string_view::npos : found - pos);
    if (found == std::string_view::npos) return out;
    out += to;
    pos = found + from.size();
  }
}

bool has_syntax_errors(const Diagnostics& diagnostics) {
  // E001..E019 come from the parser; later codes mean the text parsed.
  return std::any_of(diagnostics.items().begin(), diagnostics.items().end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error && d.code < "E020"; });
}

void remove_spans(rapidjson::Value& value) {
  if (value.IsObject()) {
    value.RemoveMember("at");  // ir_json writes every span as "at": [line, column, length]
    // By position: comparing RapidJSON's mutable member iterators is ambiguous to clang in C++20.
    for (rapidjson::SizeType i = 0; i < value.MemberCount(); ++i) remove_spans((value.MemberBegin() + i)->value);
  } else if (value.IsArray()) {
    for (auto& item : value.GetArray()) remove_spans(item);
  }
}

}  // namespace

std::string layout_flow(const std::string& text) {
  const SavedForm form = saved_form(text);
  std::string_view body = text;
  if (form.bom) body.remove_prefix(parse_text::kUtf8Bom.size());
  const std::string lf_text = form.crlf ? replace_all(body, "\r\n", "\n") : std::string(body);
  std::string out = Layout(Lexer(lf_text).lines()).render();
  if (form.crlf) out = replace_all(out, "\n", "\r\n");
  if (form.bom) out.insert(0, parse_text::kUtf8Bom);
  return out;
}

std::vector<std::string> flow_comments(const std::string& text) {
  std::vector<std::string> out;
  for (const Line& line : Lexer(text).lines()) {
    for (const Token& token : line) {
      if (token.kind == Token::Kind::Comment) out.push_back(token.text);
    }
  }
  return out;
}

std::string flow_meaning(const std::string& path, const std::string& text) {
  const CompileResult result = compile_source(path, text);
  if (!result.flow) {
    std::string out;
    for (const Diagnostic& d : result.diagnostics.items()) out += d.code + " " + d.message + "\n";
    return out;
  }
  rapidjson::Document json;
  parse_json_document(json, ir_to_json(*result.flow));
  remove_spans(json);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  json.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

FormatResult format_flow(const std::string& path, const std::string& text) {
  FormatResult result;
  const CompileResult before = compile_source(path, text);
  if (has_syntax_errors(before.diagnostics)) {
    result.diagnostics = before.diagnostics;
    return result;
  }
  std::string formatted = layout_flow(text);
  if (flow_meaning(path, formatted) != flow_meaning(path, text)) {
    result.internal_error = "formatting would change what the flow means; the file was left as it is";
    return result;
  }
  result.text = std::move(formatted);
  return result;
}

}  // namespace flowc
