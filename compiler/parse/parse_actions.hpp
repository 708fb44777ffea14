// The parse actions: which grammar rule builds which AST node (compiler/parse/parse_states.hpp), and what
// each leaf rule stores. Actions only build; every check beyond the syntax is the checker's.
#pragma once

#include <charconv>
#include <string>
#include <string_view>
#include <tao/pegtl.hpp>

#include "compiler/parse/parse_states.hpp"
#include "grammar/flow_grammar.hpp"

namespace flowc::parse_actions {

namespace g = flowc::grammar;
namespace p = tao::pegtl;
using namespace flowc::parse_states;  // NOLINT: the states are this file's vocabulary

template <typename Rule>
struct action : p::nothing<Rule> {};

// Node rules: each gets a fresh state, handed to the enclosing state when the rule matched.
template <>
struct action<g::account_stmt> : p::change_state<AccountState> {};
template <>
struct action<g::source_stmt> : p::change_state<SourceState> {};
template <>
struct action<g::send_stmt> : p::change_state<SendState> {};
template <>
struct action<g::if_stmt> : p::change_state<IfState> {};
template <>
struct action<g::schedule_stmt> : p::change_state<ScheduleState> {};
template <>
struct action<g::settings_stmt> : p::change_state<SettingsState> {};
template <>
struct action<g::field> : p::change_state<FieldState> {};
template <>
struct action<g::value> : p::change_state<ValueState> {};
template <>
struct action<g::every_duration> : p::change_state<ValueState> {};
template <>
struct action<g::list> : p::change_state<ListState> {};
template <>
struct action<g::reference> : p::change_state<ReferenceState> {};
template <>
struct action<g::string_literal> : p::change_state<StringState> {};
template <>
struct action<g::simple_string> : p::change_state<SimpleStringState> {};
template <>
struct action<g::interpolation> : p::change_state<InterpolationState> {};
template <>
struct action<g::filter> : p::change_state<FilterState> {};
template <>
struct action<g::condition> : p::change_state<OrState> {};
template <>
struct action<g::conjunction> : p::change_state<AndState> {};
template <>
struct action<g::negation> : p::change_state<NegationState> {};
template <>
struct action<g::comparison> : p::change_state<CompareState> {};

// ---- Statements and names

template <>
struct action<g::statement_start> {
  template <typename Input>
  static void apply(const Input& in, TopState& top) {
    top.ctx.begin_statement(top.ctx.offset(in.end()));
  }
};

// A rule whose text is the name `Member` of the node under construction.
template <auto Member>
struct name_action {
  template <typename Input, typename State>
  static void apply(const Input& in, State& s) {
    s.node.*Member = s.ctx.name(in);
  }
};
template <>
struct action<g::account_name> : name_action<&ast::Account::name> {};
template <>
struct action<g::connector_name> : name_action<&ast::Account::connector> {};
template <>
struct action<g::source_name> : name_action<&ast::Source::name> {};
template <>
struct action<g::send_name> : name_action<&ast::Send::name> {};
template <>
struct action<g::filter_name> : name_action<&ast::Filter::name> {};

// One part of a dotted name: `client.person`, `row.order_id`.
template <auto Member>
struct name_part_action {
  template <typename Input, typename State>
  static void apply(const Input& in, State& s) {
    (s.node.*Member).push_back(s.ctx.name(in));
  }
};
template <>
struct action<g::field_part> : name_part_action<&ast::Field::path> {};
template <>
struct action<g::ref_part> : name_part_action<&ast::Reference::parts> {};

// `ACCOUNT.ACTION` in both `source` and `send`.
template <>
struct action<g::target_account> {
  template <typename Input, typename State>
  static void apply(const Input& in, State& s) {
    s.node.account = s.ctx.name(in);
  }
};
template <>
struct action<g::target_action> {
  template <typename Input, typename State>
  static void apply(const Input& in, State& s) {
    s.node.action = s.ctx.name(in);
  }
};

// ---- `if` blocks

template <>
struct action<g::if_keyword> {
  template <typename Input>
  static void apply(const Input& in, IfState& s) {
    s.ctx.enter_nesting(in);
    s.ctx.open_ifs.push_back(s.ctx.offset(in.begin()));
    s.branch_keyword = s.ctx.span(in);
  }
};
template <>
struct action<g::else_if_keyword> {
  template <typename Input>
  static void apply(const Input& in, IfState& s) {
    s.branch_keyword = s.ctx.span(in);
  }
};
template <>
struct action<g::else_keyword> {
  template <typename Input>
  static void apply(const Input& /*in*/, IfState& s) {
    s.start_else();
  }
};
template <>
struct action<g::if_end> {
  template <typename Input>
  static void apply(const Input& /*in*/, IfState& s) {
    s.ctx.leave_nesting();
    s.ctx.open_ifs.pop_back();
  }
};

// ---- Schedules

template <ast::Schedule::Kind Kind>
struct schedule_kind_action {
  template <typename Input>
  static void apply(const Input& /*in*/, ScheduleState& s) {
    s.node.kind = Kind;
  }
};
template <>
struct action<g::every_keyword> : schedule_kind_action<ast::Schedule::Kind::Every> {};
template <>
struct action<g::at_keyword> : schedule_kind_action<ast::Schedule::Kind::At> {};
template <>
struct action<g::after_keyword> : schedule_kind_action<ast::Schedule::Kind::After> {};

template <>
struct action<g::time_of_day> {
  template <typename Input>
  static void apply(const Input& in, ScheduleState& s) {
    const std::string_view text = in.string_view();
    const std::size_t colon = text.find(':');
    ast::TimeOfDay time;
    std::from_chars(text.data(), text.data() + colon, time.hour);
    std::from_chars(text.data() + colon + 1, text.data() + text.size(), time.minute);
    time.span = s.ctx.span(in);
    if (time.hour > 23 || time.minute > 59) {
      s.ctx.report(g::messages::kInvalidTime, time.span);
      return;
    }
    s.node.times.push_back(time);
  }
};

// ---- Values

template <>
struct action<g::number> {
  template <typename Input>
  static void apply(const Input& in, ValueState& s) {
    s.node.kind = ast::Value::Kind::Number;
    s.node.number_text = in.string();
  }
};

template <>
struct action<g::boolean> {
  template <typename Input>
  static void apply(const Input& in, ValueState& s) {
    s.node.kind = ast::Value::Kind::Bool;
    s.node.boolean = in.string_view() == "true";
  }
};

template <>
struct action<g::duration> {
  template <typename Input>
  static void apply(const Input& in, ValueState& s) {
    const std::string_view text = in.string_view();
    const std::size_t digits = text.find_first_not_of("0123456789");
    s.node.kind = ast::Value::Kind::Duration;
    s.node.number_text = std::string(text.substr(0, digits));
    s.node.unit = parse_text::duration_unit(text.substr(digits));
  }
};

template <>
struct action<g::rate> {
  template <typename Input>
  static void apply(const Input& in, ValueState& s) {
    const std::string_view text = in.string_view();
    const std::size_t slash = text.find('/');
    s.node.kind = ast::Value::Kind::Rate;
    s.node.number_text = std::string(text.substr(0, slash));
    s.node.unit = parse_text::rate_unit(text.substr(slash + 1));
  }
};

template <>
struct action<g::list_open> {
  template <typename Input>
  static void apply(const Input& in, ListState& s) {
    s.ctx.enter_nesting(in);
  }
};
template <>
struct action<g::list_close> {
  template <typename Input>
  static void apply(const Input& /*in*/, ListState& s) {
    s.ctx.leave_nesting();
  }
};

// ---- Strings

// Remembers where the string being read began, to point an "unterminated string" error at it.
template <>
struct action<g::string_open> {
  template <typename Input, typename State>
  static void apply(const Input& in, State& s) {
    s.ctx.open_strings.push_back(s.ctx.offset(in.begin()));
  }
};
template <>
struct action<g::triple_open> {
  template <typename Input>
  static void apply(const Input& in, StringState& s) {
    s.ctx.open_strings.push_back(s.ctx.offset(in.begin()));
    s.multiline = true;
  }
};

struct source_text_action {
  template <typename Input, typename State>
  static void apply(const Input& in, State& s) {
    s.add_source(in.string_view());
  }
};
template <>
struct action<g::string_text> : source_text_action {};
template <>
struct action<g::triple_text> : source_text_action {};
template <>
struct action<g::simple_text> : source_text_action {};

template <>
struct action<g::escape> {
  template <typename Input, typename State>
  static void apply(const Input& in, State& s) {
    std::optional<std::string> decoded = parse_text::decode_escape(in.string_view());
    if (!decoded) {
      s.ctx.report(g::messages::kInvalidCodePoint, s.ctx.span(in));
      decoded = "\xEF\xBF\xBD";  // U+FFFD stands in so the rest of the string is still read
    }
    s.add_escaped(std::move(*decoded));
  }
};

template <>
struct action<g::interp_open> {
  template <typename Input>
  static void apply(const Input& in, InterpolationState& s) {
    s.ctx.open_interpolation = s.ctx.offset(in.begin());
  }
};

template <>
struct action<g::filter_number> {
  template <typename Input>
  static void apply(const Input& in, FilterState& s) {
    s.node.args.push_back(ast::Literal{ast::Literal::Kind::Number, in.string(), s.ctx.span(in)});
  }
};

// ---- Conditions

template <>
struct action<g::paren_open> {
  template <typename Input>
  static void apply(const Input& in, NegationState& s) {
    s.ctx.enter_nesting(in);
  }
};
template <>
struct action<g::paren_close> {
  template <typename Input>
  static void apply(const Input& /*in*/, NegationState& s) {
    s.ctx.leave_nesting();
  }
};

template <>
struct action<g::not_prefix> {
  template <typename Input>
  static void apply(const Input& in, NegationState& s) {
    // Read in a loop, but each `not` is one more level of the tree every later pass walks.
    if (s.nots.size() >= static_cast<std::size_t>(g::kMaxNesting)) {
      throw p::parse_error(g::messages::kNestedTooDeeply, in);
    }
    s.nots.push_back(in.begin());
  }
};

template <ast::CompareOp Op>
struct compare_op_action {
  template <typename Input>
  static void apply(const Input& in, CompareState& s) {
    s.node.op = Op;
    s.node.op_span = s.ctx.span(in);
  }
};
template <>
struct action<g::op_eq> : compare_op_action<ast::CompareOp::Eq> {};
template <>
struct action<g::op_ne> : compare_op_action<ast::CompareOp::Ne> {};
template <>
struct action<g::op_lt> : compare_op_action<ast::CompareOp::Lt> {};
template <>
struct action<g::op_le> : compare_op_action<ast::CompareOp::Le> {};
template <>
struct action<g::op_gt> : compare_op_action<ast::CompareOp::Gt> {};
template <>
struct action<g::op_ge> : compare_op_action<ast::CompareOp::Ge> {};
template <>
struct action<g::op_contains> : compare_op_action<ast::CompareOp::Contains> {};
template <>
struct action<g::op_not_contains> : compare_op_action<ast::CompareOp::NotContains> {};
template <>
struct action<g::op_starts_with> : compare_op_action<ast::CompareOp::StartsWith> {};
template <>
struct action<g::op_ends_with> : compare_op_action<ast::CompareOp::EndsWith> {};
template <>
struct action<g::op_matches> : compare_op_action<ast::CompareOp::Matches> {};
template <>
struct action<g::op_is_empty> : compare_op_action<ast::CompareOp::IsEmpty> {};
template <>
struct action<g::op_is_not_empty> : compare_op_action<ast::CompareOp::IsNotEmpty> {};

}  // namespace flowc::parse_actions
