// The states the parse actions fill in: one per AST node under construction. PEGTL's change_state
// gives each node rule a fresh state and hands it to the enclosing one (`success`) only when the rule
// matched, so a rule that backtracks or fails leaves nothing half-built behind.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <tao/pegtl.hpp>
#include <utility>
#include <vector>

#include "compiler/parse/ast.hpp"
#include "ir/diagnostic.hpp"
#include "compiler/parse/parse_text.hpp"
#include "ir/source.hpp"
#include "grammar/error_messages.hpp"

namespace flowc::parse_states {

// What every state of one parse shares: the text, the output, and the bookkeeping the parser needs
// to explain and recover from an error in the statement being read.
class ParseContext {
 public:
  ParseContext(const SourceFile& file, Diagnostics& diagnostics, ast::Flow& flow)
      : file_(file), diagnostics_(diagnostics), flow_(flow) {}

  const SourceFile& file() const { return file_; }
  ast::Flow& flow() { return flow_; }

  std::size_t offset(const char* at) const { return static_cast<std::size_t>(at - file_.text().data()); }
  Span span(const char* begin, const char* end) const {
    return file_.span_at(offset(begin), static_cast<std::uint32_t>(end - begin));
  }
  template <typename Input>
  Span span(const Input& in) const {
    return span(in.begin(), in.end());
  }
  template <typename Input>
  ast::Name name(const Input& in) const {
    return ast::Name{in.string(), span(in)};
  }

  // Reports an error `coded_message` ("E0xx text") that does not stop the statement. Past the
  // error limit it is dropped; the parser then stops after the statement.
  void report(std::string_view coded_message, Span span, std::string help = {});
  bool too_many_errors() const { return error_count_ >= grammar::kMaxSyntaxErrors; }
  std::size_t error_count() const { return error_count_; }

  // Per statement: where it began, which `if`s are open, which string or `{{` is being read.
  void begin_statement(std::size_t offset) {
    statement_begin = offset;
    nesting_ = 0;
    open_ifs.clear();
    open_strings.clear();
    open_interpolation.reset();
  }
  std::size_t statement_begin = 0;
  std::vector<std::size_t> open_ifs;      // offsets of the `if` keywords
  std::vector<std::size_t> open_strings;  // a filter argument's string sits inside a template string
  std::optional<std::size_t> open_interpolation;

  // `if` blocks, parentheses and lists nest by recursion in the grammar: past the limit the
  // statement stops with an error instead of exhausting the stack.
  template <typename Input>
  void enter_nesting(const Input& in) {
    if (++nesting_ > grammar::kMaxNesting) throw tao::pegtl::parse_error(grammar::messages::kNestedTooDeeply, in);
  }
  void leave_nesting() { --nesting_; }

 private:
  const SourceFile& file_;
  Diagnostics& diagnostics_;
  ast::Flow& flow_;
  int nesting_ = 0;
  std::size_t error_count_ = 0;
};

// Splits "E0xx message" into its code and message.
std::pair<std::string, std::string> split_coded_message(std::string_view coded_message);

// Each node state remembers where its rule began; the span ends where the rule matched up to.
// States are built by PEGTL's change_state from the input and the enclosing state.
struct NodeState {
  template <typename Input, typename Outer>
  NodeState(const Input& in, Outer& outer) : ctx(outer.ctx), begin(in.current()) {}
  template <typename Input>
  Span span_to(const Input& in) const {
    return ctx.span(begin, in.current());
  }
  ParseContext& ctx;
  const char* begin;
};

// A state that builds one AST node and hands it, spanned, to the enclosing state on success.
template <typename Node>
struct NodeBuilder : NodeState {
  using NodeState::NodeState;
  template <typename Input>
  Node finished(const Input& in) {
    node.span = span_to(in);
    return std::move(node);
  }
  Node node;
};

// The parse itself: takes whole statements into the flow.
struct TopState {
  ParseContext& ctx;
  void add_step(ast::Step step) { ctx.flow().steps.push_back(std::move(step)); }
  void add_simple_string(ast::Name name);  // `flow "name"`
};

struct ReferenceState : NodeBuilder<ast::Reference> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    outer.set_reference(finished(in));
  }
};

// `"name"` as a plain string: flow names, zone names, filter arguments.
struct SimpleStringState : NodeState {
  using NodeState::NodeState;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    ctx.open_strings.pop_back();
    outer.add_simple_string(ast::Name{std::move(text), span_to(in)});
  }
  void add_source(std::string_view piece) { text += piece; }
  void add_escaped(std::string decoded) { text += decoded; }
  std::string text;
};

struct FilterState : NodeBuilder<ast::Filter> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    outer.add_filter(finished(in));
  }
  void add_simple_string(ast::Name text) {
    node.args.push_back(ast::Literal{ast::Literal::Kind::String, std::move(text.text), text.span});
  }
};

struct InterpolationState : NodeBuilder<ast::Interpolation> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    ctx.open_interpolation.reset();
    outer.add_interpolation(finished(in));
  }
  void set_reference(ast::Reference ref) { node.ref = std::move(ref); }
  void add_filter(ast::Filter filter) { node.filters.push_back(std::move(filter)); }
};

struct StringState : NodeState {
  using NodeState::NodeState;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    ctx.open_strings.pop_back();
    ast::TemplateString string;
    string.parts = parse_text::assemble_template(std::move(segments), multiline);
    string.multiline = multiline;
    string.span = span_to(in);
    outer.set_string(std::move(string));
  }
  void add_source(std::string_view piece) {
    segments.push_back(parse_text::Segment{parse_text::Segment::Kind::Source, std::string(piece), {}});
  }
  void add_escaped(std::string decoded) {
    segments.push_back(parse_text::Segment{parse_text::Segment::Kind::Escaped, std::move(decoded), {}});
  }
  void add_interpolation(ast::Interpolation interpolation) {
    segments.push_back(parse_text::Segment{parse_text::Segment::Kind::Interpolation, {}, std::move(interpolation)});
  }
  std::vector<parse_text::Segment> segments;
  bool multiline = false;
};

struct ValueState : NodeBuilder<ast::Value> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    outer.add_value(finished(in));
  }
  void set_string(ast::TemplateString string) {
    node.kind = ast::Value::Kind::String;
    node.string = std::move(string);
  }
  void set_reference(ast::Reference ref) {
    node.kind = ast::Value::Kind::Reference;
    node.reference = std::move(ref);
  }
  void set_list(std::vector<ast::Value> items) {
    node.kind = ast::Value::Kind::List;
    node.items = std::move(items);
  }
};

struct ListState : NodeState {
  using NodeState::NodeState;
  template <typename Input, typename Outer>
  void success(const Input& /*in*/, Outer& outer) {
    outer.set_list(std::move(items));
  }
  void add_value(ast::Value value) { items.push_back(std::move(value)); }
  std::vector<ast::Value> items;
};

struct FieldState : NodeBuilder<ast::Field> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    outer.add_field(finished(in));
  }
  void add_value(ast::Value value) { node.value = std::move(value); }
};

// Builds `a or b`, `a and b`: a single operand stands for itself.
ast::Condition combine(ast::Condition::Kind kind, std::vector<ast::Condition> operands, Span span);

template <ast::Condition::Kind Kind>
struct JunctionState : NodeState {
  using NodeState::NodeState;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    outer.add_condition(combine(Kind, std::move(operands), span_to(in)));
  }
  void add_condition(ast::Condition condition) { operands.push_back(std::move(condition)); }
  std::vector<ast::Condition> operands;
};
using OrState = JunctionState<ast::Condition::Kind::Or>;
using AndState = JunctionState<ast::Condition::Kind::And>;

// `not not x == 1`: the `not`s are counted in a loop (no recursion), then wrapped innermost first.
struct NegationState : NodeState {
  using NodeState::NodeState;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    ast::Condition result = std::move(operand);
    for (auto not_at = nots.rbegin(); not_at != nots.rend(); ++not_at) {
      ast::Condition negated;
      negated.kind = ast::Condition::Kind::Not;
      negated.span = ctx.span(*not_at, in.current());
      negated.operands.push_back(std::move(result));
      result = std::move(negated);
    }
    outer.add_condition(std::move(result));
  }
  void add_condition(ast::Condition condition) { operand = std::move(condition); }
  std::vector<const char*> nots;
  ast::Condition operand;
};

struct CompareState : NodeBuilder<ast::Condition> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    node.kind = ast::Condition::Kind::Compare;
    outer.add_condition(finished(in));
  }
  void add_value(ast::Value value) { (operands++ == 0 ? node.lhs : node.rhs) = std::move(value); }
  int operands = 0;
};

struct AccountState : NodeBuilder<ast::Account> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& /*outer*/) {
    ctx.flow().accounts.push_back(finished(in));
  }
  void add_field(ast::Field field) { node.fields.push_back(std::move(field)); }
};

struct SourceState : NodeBuilder<ast::Source> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& /*outer*/) {
    ctx.flow().sources.push_back(finished(in));
  }
  void add_field(ast::Field field) { node.fields.push_back(std::move(field)); }
  void add_condition(ast::Condition condition);  // `where`
};

struct SendState : NodeBuilder<ast::Send> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    ast::Step step;
    step.kind = ast::Step::Kind::Send;
    step.send = finished(in);
    outer.add_step(std::move(step));
  }
  void add_field(ast::Field field) { node.fields.push_back(std::move(field)); }
};

struct IfState : NodeBuilder<ast::If> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& outer) {
    ast::Step step;
    step.kind = ast::Step::Kind::If;
    step.if_ = finished(in);
    outer.add_step(std::move(step));
  }
  // The condition after `if` / `else if` opens a branch headed by that keyword.
  void add_condition(ast::Condition condition) {
    node.branches.push_back(ast::IfBranch{std::move(condition), {}, branch_keyword});
  }
  void start_else() { node.else_body.emplace(); }
  void add_step(ast::Step step) {
    (node.else_body ? *node.else_body : node.branches.back().body).push_back(std::move(step));
  }
  Span branch_keyword;
};

struct ScheduleState : NodeBuilder<ast::Schedule> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& /*outer*/) {
    ctx.flow().schedules.push_back(finished(in));
  }
  void add_value(ast::Value value) { node.every = std::move(value); }
  void add_simple_string(ast::Name name) {
    (node.kind == ast::Schedule::Kind::After ? node.after : node.timezone.emplace()) = std::move(name);
  }
};

struct SettingsState : NodeBuilder<ast::Settings> {
  using NodeBuilder::NodeBuilder;
  template <typename Input, typename Outer>
  void success(const Input& in, Outer& /*outer*/) {
    ctx.flow().settings.push_back(finished(in));
  }
  void add_field(ast::Field field) { node.fields.push_back(std::move(field)); }
};

}  // namespace flowc::parse_states
