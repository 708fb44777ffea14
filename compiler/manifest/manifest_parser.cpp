#include "compiler/manifest/manifest_parser.hpp"

#include <fmt/format.h>

#include <tao/pegtl.hpp>

#include "compiler/parse/parse_actions.hpp"
#include "compiler/parse/parse_states.hpp"
#include "compiler/parse/parse_text.hpp"
#include "grammar/manifest_error_messages.hpp"

namespace flowc::manifest {
namespace {

namespace p = tao::pegtl;
namespace m = flowc::grammar::manifest;
using parse_states::ParseContext;

// Fields and blocks in the order written, for the block being read and for the file itself.
struct EntrySink {
  TreeBlock node;
  void add_field(ast::Field field) {
    node.order.emplace_back(false, node.fields.size());
    node.fields.push_back(std::move(field));
  }
  void add_block(TreeBlock block) {
    node.order.emplace_back(true, node.blocks.size());
    node.blocks.push_back(std::move(block));
  }
};

struct TopState : EntrySink {
  explicit TopState(ParseContext& context) : ctx(context) {}
  ParseContext& ctx;
};

struct BlockState : parse_states::NodeState, EntrySink {
  using NodeState::NodeState;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    node.span = span_to(in);
    outer.add_block(std::move(node));
  }
  void add_simple_string(ast::Name label) { node.labels.push_back(std::move(label)); }
};

// The flow's actions build fields and values; these add the blocks around them.
template <typename Rule>
struct action : parse_actions::action<Rule> {};
template <>
struct action<m::block> : p::change_state<BlockState> {};
template <>
struct action<m::block_keyword> {
  template <typename Input>
  static void apply(const Input& in, BlockState& s) {
    s.node.keyword = s.ctx.name(in);
  }
};
template <>
struct action<m::label_word> {
  template <typename Input>
  static void apply(const Input& in, BlockState& s) {
    s.node.labels.push_back(s.ctx.name(in));
  }
};
template <>
struct action<m::block_open> {
  template <typename Input>
  static void apply(const Input& in, BlockState& s) {
    s.ctx.enter_nesting(in);
  }
};
template <>
struct action<m::block_close> {
  template <typename Input>
  static void apply(const Input& /*in*/, BlockState& s) {
    s.ctx.leave_nesting();
  }
};

constexpr std::string_view kInvalidUtf8 = "E018 invalid UTF-8: a manifest must be UTF-8 text";
constexpr std::string_view kNulByte = "E018 the file contains a NUL byte: a manifest must be text";

bool is_text(const SourceFile& file, ParseContext& ctx) {
  const std::string_view text = file.text();
  std::optional<std::size_t> bad = parse_text::find_invalid_utf8(text);
  std::string_view message = kInvalidUtf8;
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos && (!bad || nul < *bad)) {
    bad = nul;
    message = kNulByte;
  }
  if (!bad) return true;
  ctx.report(message, file.span_at(*bad, 1));
  return false;
}

// A word, or one UTF-8 character: what a caret at `offset` underlines.
std::uint32_t caret_length(std::string_view text, std::size_t offset) {
  std::size_t end = offset;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_')) ++end;
  if (end == offset && end < text.size()) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return static_cast<std::uint32_t>(std::max<std::size_t>(end - offset, 1));
}

void report_syntax_error(ParseContext& ctx, std::string_view coded_message, std::size_t at) {
  const std::string_view text = ctx.file().text();
  if (at == text.size() && at > 0 && text[at - 1] == '\n') --at;  // shown on the last line, not past it
  Span span = ctx.file().span_at(at, caret_length(text, at));
  std::string help;
  const std::string_view code = coded_message.substr(0, coded_message.find(' '));
  if (code == "E003" && !ctx.open_strings.empty()) {
    const std::size_t quote = ctx.open_strings.back();
    span = ctx.file().span_at(quote, text.substr(quote, 3) == "\"\"\"" ? 3 : 1);
  } else if (code == "E004" && ctx.open_interpolation) {
    span = ctx.file().span_at(*ctx.open_interpolation, 2);
  } else if (code == "E017") {
    help = fmt::format("at most {} levels of blocks and lists may nest", grammar::kMaxNesting);
  }
  ctx.report(coded_message, span, std::move(help));
}

}  // namespace

std::optional<TreeBlock> parse_manifest_tree(const SourceFile& file, Diagnostics& diagnostics) {
  ast::Flow unused;  // the flow parser's context wants one; manifests add nothing to it
  ParseContext ctx(file, diagnostics, unused);
  if (!is_text(file, ctx)) return std::nullopt;
  TopState top(ctx);
  const std::string& text = file.text();
  p::memory_input<p::tracking_mode::lazy> in(text.data(), text.data() + text.size(), file.path());
  try {
    p::parse<m::file, action, m::control>(in, top);
  } catch (const p::parse_error& error) {
    report_syntax_error(ctx, error.message(), error.positions().front().byte);
    return std::nullopt;
  }
  top.node.span = file.span_at(0, 0);
  return std::move(top.node);
}

}  // namespace flowc::manifest
