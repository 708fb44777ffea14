#include "compiler/parse/parser.hpp"

#include <fmt/format.h>

#include <string_view>
#include <tao/pegtl.hpp>

#include "compiler/parse/parse_actions.hpp"
#include "compiler/parse/parse_recovery.hpp"
#include "compiler/parse/parse_slips.hpp"
#include "compiler/parse/parse_states.hpp"
#include "compiler/parse/parse_text.hpp"
#include "grammar/error_messages.hpp"
#include "grammar/flow_grammar.hpp"

namespace flowc {
namespace {

namespace p = tao::pegtl;
namespace g = flowc::grammar;
using parse_states::ParseContext;

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// How much of the text at `offset` a caret should underline: a word, or one character.
std::uint32_t token_length(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return 1;
  std::size_t end = offset;
  while (end < text.size() && is_word_char(text[end])) ++end;
  if (end > offset) return static_cast<std::uint32_t>(end - offset);
  // One UTF-8 character: the lead byte and its continuation bytes.
  end = offset + 1;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return static_cast<std::uint32_t>(end - offset);
}

// A flow file is UTF-8 text. Anything else (a binary, a Latin-1 export) gets one diagnostic at the
// first bad byte instead of a syntax error per line.
bool check_is_text(const SourceFile& file, Diagnostics& diagnostics) {
  const std::string_view text = file.text();
  const std::optional<std::size_t> invalid = parse_text::find_invalid_utf8(text);
  const std::size_t nul = text.find('\0');
  if (invalid && (nul == std::string_view::npos || *invalid < nul)) {
    const auto [code, message] = parse_states::split_coded_message(g::messages::kInvalidUtf8);
    diagnostics.error(code, file.span_at(*invalid, 1), message,
                      fmt::format("byte 0x{:02X} does not start a valid UTF-8 sequence; save the file as UTF-8",
                                  static_cast<unsigned char>(text[*invalid])));
    return false;
  }
  if (nul != std::string_view::npos) {
    const auto [code, message] = parse_states::split_coded_message(g::messages::kNulByte);
    diagnostics.error(code, file.span_at(nul, 1), message);
    return false;
  }
  return true;
}

// Turns a syntax error at `error_offset` into a diagnostic whose span points where a reader would
// look: the opening quote of an unterminated string, the `{{` of an unclosed interpolation.
void report_syntax_error(ParseContext& ctx, std::string_view coded_message, std::size_t error_offset) {
  const SourceFile& file = ctx.file();
  const std::string_view text = file.text();
  const std::string_view code = coded_message.substr(0, coded_message.find(' '));
  // An error at the very end of a file that ends with a line break is shown on the last line.
  std::size_t at = error_offset;
  if (at == text.size() && at > 0 && text[at - 1] == '\n') --at;
  Span span = file.span_at(at, token_length(text, at));
  std::string help;
  if (code == "E003" && !ctx.open_strings.empty()) {
    const std::size_t quote = ctx.open_strings.back();
    span = file.span_at(quote, text.substr(quote, 3) == "\"\"\"" ? 3 : 1);
  } else if (code == "E004" && ctx.open_interpolation) {
    span = file.span_at(*ctx.open_interpolation, 2);
  } else if (code == "E005" && !ctx.open_ifs.empty()) {
    help = fmt::format("the `if` on line {} is not closed", file.span_at(ctx.open_ifs.back(), 2).line);
  } else if (code == "E017") {
    help = fmt::format("at most {} levels of `if` blocks, parentheses, lists or `not`s may nest", g::kMaxNesting);
  }
  if (const std::optional<parse_slips::Slip> slip = parse_slips::recognize(text, code, error_offset)) {
    span = file.span_at(slip->offset, slip->length);
    help = slip->help;
  }
  ctx.report(coded_message, span, std::move(help));
}

void note_stopped_early(const SourceFile& file, Diagnostics& diagnostics, std::size_t offset) {
  const auto [code, message] = parse_states::split_coded_message(g::messages::kTooManyErrors);
  diagnostics.add(
      Diagnostic{Severity::Note, code, file.span_at(offset, 1), message,
                 fmt::format("fix the errors above (at most {} are shown) and run again", g::kMaxSyntaxErrors)});
}

}  // namespace

ast::Flow parse_flow(const SourceFile& file, Diagnostics& diagnostics) {
  ast::Flow flow;
  if (!check_is_text(file, diagnostics)) return flow;

  const std::string& text = file.text();
  ParseContext ctx(file, diagnostics, flow);
  parse_states::TopState top{ctx};
  std::size_t offset = std::string_view(text).starts_with(parse_text::kUtf8Bom) ? parse_text::kUtf8Bom.size() : 0;
  // One top-level statement per round, so an error costs only the statement it is in.
  while (offset < text.size()) {
    p::memory_input<p::tracking_mode::lazy> in(text.data() + offset, text.data() + text.size(), file.path());
    ctx.begin_statement(offset);
    try {
      p::parse<g::next_statement, parse_actions::action, g::control>(in, top);
      offset = ctx.offset(in.current());
    } catch (const p::parse_error& error) {
      const std::size_t error_offset = offset + error.positions().front().byte;
      report_syntax_error(ctx, error.message(), error_offset);
      offset = parse_recovery::resume_offset(text, ctx.statement_begin, error_offset, ctx.open_ifs.size());
    }
    if (ctx.too_many_errors() && offset < text.size()) {
      note_stopped_early(file, diagnostics, offset);
      break;
    }
  }
  return flow;
}

}  // namespace flowc
