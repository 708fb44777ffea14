// The grammar of the flow language (docs: /work/shared/DESIGN.md, "The language"): PEGTL rule structs
// only. Actions live in compiler/parse/parse_actions.hpp; every `must<>` point has its message in
// grammar/error_messages.hpp. Rules that only exist to give a `must<>` point its own message, or an
// action its own hook, are thin wrappers (`struct if_condition : seq<condition> {}`).
#pragma once

#include <tao/pegtl.hpp>

namespace flowc::grammar {

namespace p = tao::pegtl;

// ---------------------------------------------------------------------------------------------
// Layout. Statements end at the end of their line; inside `{ }`, `[ ]` and `( )` and after
// `and` / `or`, line breaks and comments are just separators.

struct blank : p::one<' ', '\t'> {};
struct ws : p::star<blank> {};
struct comment : p::seq<p::one<'#'>, p::star<p::not_one<'\n', '\r'>>> {};
struct line_end : p::seq<ws, p::opt<comment>, p::eolf> {};
struct blank_line : p::seq<ws, p::opt<comment>, p::eol> {};
struct separator : p::sor<blank, p::eol, comment> {};
struct separators : p::star<separator> {};
struct word_end : p::not_at<p::identifier_other> {};

// ---------------------------------------------------------------------------------------------
// Keywords.

struct kw_flow : TAO_PEGTL_KEYWORD("flow") {};
struct kw_account : TAO_PEGTL_KEYWORD("account") {};
struct kw_source : TAO_PEGTL_KEYWORD("source") {};
struct kw_send : TAO_PEGTL_KEYWORD("send") {};
struct kw_if : TAO_PEGTL_KEYWORD("if") {};
struct kw_then : TAO_PEGTL_KEYWORD("then") {};
struct kw_else : TAO_PEGTL_KEYWORD("else") {};
struct kw_end : TAO_PEGTL_KEYWORD("end") {};
struct kw_where : TAO_PEGTL_KEYWORD("where") {};
struct kw_schedule : TAO_PEGTL_KEYWORD("schedule") {};
struct kw_every : TAO_PEGTL_KEYWORD("every") {};
struct kw_at : TAO_PEGTL_KEYWORD("at") {};
struct kw_after : TAO_PEGTL_KEYWORD("after") {};
struct kw_timezone : TAO_PEGTL_KEYWORD("timezone") {};
struct kw_settings : TAO_PEGTL_KEYWORD("settings") {};
struct kw_and : TAO_PEGTL_KEYWORD("and") {};
struct kw_or : TAO_PEGTL_KEYWORD("or") {};
struct kw_not : TAO_PEGTL_KEYWORD("not") {};
struct kw_contains : TAO_PEGTL_KEYWORD("contains") {};
struct kw_starts : TAO_PEGTL_KEYWORD("starts") {};
struct kw_ends : TAO_PEGTL_KEYWORD("ends") {};
struct kw_with : TAO_PEGTL_KEYWORD("with") {};
struct kw_matches : TAO_PEGTL_KEYWORD("matches") {};
struct kw_is : TAO_PEGTL_KEYWORD("is") {};
struct kw_empty : TAO_PEGTL_KEYWORD("empty") {};
struct kw_true : TAO_PEGTL_KEYWORD("true") {};
struct kw_false : TAO_PEGTL_KEYWORD("false") {};

// Words that can never start a reference, so `x == and` reports a missing value, not a missing `then`.
struct reserved : p::sor<kw_and, kw_or, kw_not, kw_then, kw_else, kw_end, kw_if, kw_is> {};

// ---------------------------------------------------------------------------------------------
// Names and references.

struct identifier : p::identifier {};
struct dotted_name : p::seq<identifier, p::star<p::one<'.'>, identifier>> {};
struct ref_part : identifier {};
struct ref_part_after_dot : p::seq<ref_part> {};
struct reference : p::seq<p::not_at<reserved>, ref_part, p::star<p::one<'.'>, p::must<ref_part_after_dot>>> {};

// ---------------------------------------------------------------------------------------------
// Strings: `"..."` with escapes and `{{ ref | filter | filter(args) }}`, `"""` multi-line strings,
// and simple strings (names, filter arguments) where `{{` is plain text.

struct escape_simple : p::one<'"', '\\', 'n', 't', '{'> {};
struct unicode_open : p::one<'{'> {};
struct unicode_digits : p::rep_min_max<1, 6, p::xdigit> {};
struct unicode_close : p::one<'}'> {};
struct unicode_escape : p::seq<p::one<'u'>, p::must<unicode_open>, p::must<unicode_digits>, p::must<unicode_close>> {};
struct escape_code : p::sor<escape_simple, unicode_escape> {};
struct escape : p::seq<p::one<'\\'>, p::must<escape_code>> {};

struct string_open : p::one<'"'> {};
struct string_close : p::one<'"'> {};

struct simple_text : p::plus<p::not_one<'"', '\\', '\r', '\n'>> {};
struct simple_piece : p::sor<escape, simple_text> {};
struct simple_string : p::seq<string_open, p::until<string_close, p::must<simple_piece>>> {};

struct filter_name : identifier {};
struct filter_number : p::seq<p::opt<p::one<'-'>>, p::plus<p::digit>, p::opt<p::one<'.'>, p::plus<p::digit>>> {};
struct filter_arg : p::sor<simple_string, filter_number> {};
struct filter_next_arg : p::seq<filter_arg> {};
struct filter_args_close : p::one<')'> {};
struct filter_args
    : p::seq<p::one<'('>, ws, p::opt<filter_arg, ws, p::star<p::one<','>, ws, p::must<filter_next_arg>, ws>>,
             p::must<filter_args_close>> {};
struct filter : p::seq<p::one<'|'>, ws, p::must<filter_name>, p::opt<filter_args>> {};

struct interp_open : p::two<'{'> {};
struct interp_close : p::two<'}'> {};
struct interp_ref : p::seq<reference> {};
struct interpolation : p::seq<interp_open, ws, p::must<interp_ref>, ws, p::star<filter, ws>, p::must<interp_close>> {};

// A `{` that does not open an interpolation is plain text.
struct lone_brace : p::seq<p::one<'{'>, p::not_at<p::one<'{'>>> {};

struct string_text : p::plus<p::sor<p::not_one<'"', '\\', '{', '\r', '\n'>, lone_brace>> {};
struct string_piece : p::sor<escape, interpolation, string_text> {};
struct plain_string : p::seq<string_open, p::until<string_close, p::must<string_piece>>> {};

struct triple_open : p::string<'"', '"', '"'> {};
struct triple_close : p::string<'"', '"', '"'> {};
struct triple_text
    : p::plus<p::sor<p::not_one<'"', '\\', '{'>, lone_brace, p::seq<p::one<'"'>, p::not_at<p::two<'"'>>>>> {};
struct triple_piece : p::sor<escape, interpolation, triple_text> {};
struct triple_string : p::seq<triple_open, p::until<triple_close, p::must<triple_piece>>> {};

struct string_literal : p::sor<triple_string, plain_string> {};

// ---------------------------------------------------------------------------------------------
// Values.

struct digits : p::plus<p::digit> {};
struct number : p::seq<p::opt<p::one<'-'>>, digits, p::opt<p::one<'.'>, digits>, word_end> {};
struct duration_unit : p::sor<p::string<'m', 's'>, p::one<'s', 'm', 'h', 'd'>> {};
struct duration : p::seq<digits, duration_unit, word_end> {};
struct rate_unit
    : p::sor<p::string<'s', 'e', 'c'>, p::string<'m', 'i', 'n'>, p::string<'h', 'o', 'u', 'r'>, p::one<'s', 'h'>> {};
struct rate : p::seq<digits, p::one<'/'>, rate_unit, word_end> {};
struct boolean : p::sor<kw_true, kw_false> {};

struct value;
struct list_open : p::one<'['> {};
struct list_close : p::one<']'> {};
struct list_next_item : p::seq<value> {};
struct list_more : p::seq<separators, p::one<','>, separators, p::sor<p::at<list_close>, p::must<list_next_item>>> {};
struct list : p::seq<list_open, separators, p::opt<value, p::star<list_more>>, separators, p::must<list_close>> {};

struct value : p::sor<string_literal, list, rate, duration, number, boolean, reference> {};

// ---------------------------------------------------------------------------------------------
// Conditions. Precedence, loosest first: `or`, `and`, `not`, comparison. `not`, `and` and `or`
// are loops, not recursion, so only parentheses nest (and the parser limits how deep).

struct op_eq : p::two<'='> {};
struct op_ne : p::string<'!', '='> {};
struct op_le : p::string<'<', '='> {};
struct op_ge : p::string<'>', '='> {};
struct op_lt : p::one<'<'> {};
struct op_gt : p::one<'>'> {};
struct op_contains : kw_contains {};
struct contains_after_not : kw_contains {};
struct op_not_contains : p::seq<kw_not, ws, p::must<contains_after_not>> {};
struct with_after_starts : kw_with {};
struct op_starts_with : p::seq<kw_starts, ws, p::must<with_after_starts>> {};
struct with_after_ends : kw_with {};
struct op_ends_with : p::seq<kw_ends, ws, p::must<with_after_ends>> {};
struct op_matches : kw_matches {};
struct empty_after_is_not : kw_empty {};
struct op_is_not_empty : p::seq<kw_is, ws, kw_not, ws, p::must<empty_after_is_not>> {};
struct empty_after_is : kw_empty {};
struct op_is_empty : p::seq<kw_is, ws, p::must<empty_after_is>> {};

struct binary_op : p::sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt, op_contains, op_not_contains, op_starts_with,
                          op_ends_with, op_matches> {};
struct unary_op : p::sor<op_is_not_empty, op_is_empty> {};
struct rhs_operand : p::seq<value> {};
struct comparison_tail : p::sor<unary_op, p::seq<binary_op, ws, p::must<rhs_operand>>> {};
struct comparison : p::seq<value, ws, p::must<comparison_tail>> {};

struct condition;
struct paren_open : p::one<'('> {};
struct paren_close : p::one<')'> {};
struct paren_condition : p::seq<condition> {};
struct parenthesized : p::seq<paren_open, separators, p::must<paren_condition>, separators, p::must<paren_close>> {};
struct primary : p::sor<parenthesized, comparison> {};
struct not_prefix : p::seq<kw_not, ws> {};
struct negation : p::seq<p::star<not_prefix>, primary> {};
struct and_operand : p::seq<negation> {};
struct conjunction : p::seq<negation, p::star<ws, kw_and, separators, p::must<and_operand>>> {};
struct or_operand : p::seq<conjunction> {};
struct condition : p::seq<conjunction, p::star<ws, kw_or, separators, p::must<or_operand>>> {};

// ---------------------------------------------------------------------------------------------
// Field blocks: `{ name = value ... }`. Fields are separated by line breaks or just spaces.

struct block_open : p::one<'{'> {};
struct block_close : p::one<'}'> {};
// Field names may hold dashes after the first character, for HTTP headers (`headers.X-Request-Id`).
struct field_part
    : p::seq<p::identifier_first, p::star<p::sor<p::identifier_other, p::seq<p::one<'-'>, p::identifier_other>>>> {};
struct field_path : p::seq<field_part, p::star<p::one<'.'>, field_part>> {};
struct field_value : p::seq<value> {};
// The lookahead keeps `where x == 1` (and stray words) from being read as a half field.
struct field : p::seq<p::at<field_path, ws, p::one<'='>, p::not_at<p::one<'='>>>, field_path, ws, p::one<'='>, ws,
                      p::must<field_value>> {};
struct field_end : p::sor<p::at<block_close>, separator> {};
struct field_item : p::seq<field, p::must<field_end>> {};

struct where_condition : p::seq<condition> {};
struct where_end : p::seq<ws, p::sor<p::at<block_close>, p::at<comment>, p::at<p::eolf>>> {};
struct where_clause : p::seq<kw_where, ws, p::must<where_condition>, p::must<where_end>> {};

template <typename... Items>
struct block : p::seq<block_open, separators, p::star<p::sor<Items...>, separators>, p::must<block_close>> {};
struct field_block : block<field_item> {};
struct source_block : block<field_item, where_clause> {};

// ---------------------------------------------------------------------------------------------
// Statements.

struct flow_name : p::seq<simple_string> {};
struct flow_stmt : p::seq<kw_flow, ws, p::must<flow_name>> {};

struct account_name : identifier {};
struct account_eq : p::one<'='> {};
struct connector_name : identifier {};
struct account_stmt : p::seq<kw_account, ws, p::must<account_name>, ws, p::must<account_eq>, ws,
                             p::must<connector_name>, p::opt<ws, field_block>> {};

struct target_account : identifier {};
struct target_action : identifier {};
struct dot_action : p::seq<p::one<'.'>, target_action> {};
struct target : p::seq<target_account, p::must<dot_action>> {};

struct source_name : identifier {};
struct source_eq : p::one<'='> {};
struct source_target : target {};
struct source_stmt : p::seq<kw_source, ws, p::must<source_name>, ws, p::must<source_eq>, ws, p::must<source_target>,
                            p::opt<ws, source_block>> {};

struct send_name : identifier {};
struct send_name_assign : p::seq<p::at<identifier, ws, p::one<'='>>, send_name, ws, p::one<'='>, ws> {};
struct send_target : target {};
struct send_stmt : p::seq<kw_send, ws, p::opt<send_name_assign>, p::must<send_target>, p::opt<ws, field_block>> {};

struct step;
struct step_end : line_end {};
struct body_line : p::sor<blank_line, p::seq<ws, step, p::must<step_end>>> {};
struct body : p::star<body_line> {};

struct if_keyword : kw_if {};
struct if_condition : p::seq<condition> {};
struct then_keyword : kw_then {};
struct then_end : line_end {};
struct else_if_keyword : p::seq<kw_else, ws, kw_if> {};
struct else_if_condition : p::seq<condition> {};
struct else_if_then : kw_then {};
struct else_if_clause
    : p::seq<ws, else_if_keyword, ws, p::must<else_if_condition>, ws, p::must<else_if_then>, p::must<then_end>, body> {
};
struct else_keyword : kw_else {};
struct else_end : line_end {};
struct else_clause : p::seq<ws, else_keyword, p::must<else_end>, body> {};
struct if_end : kw_end {};
struct if_stmt : p::seq<if_keyword, ws, p::must<if_condition>, ws, p::must<then_keyword>, p::must<then_end>, body,
                        p::star<else_if_clause>, p::opt<else_clause>, ws, p::must<if_end>> {};

struct step : p::sor<send_stmt, if_stmt> {};

struct every_keyword : kw_every {};
struct every_duration : p::seq<duration> {};
struct schedule_every : p::seq<every_keyword, ws, p::must<every_duration>> {};
struct time_of_day : p::seq<p::rep_min_max<1, 2, p::digit>, p::one<':'>, p::rep<2, p::digit>, word_end> {};
struct first_time : p::seq<time_of_day> {};
struct next_time : p::seq<time_of_day> {};
struct timezone_name : p::seq<simple_string> {};
struct schedule_timezone : p::seq<kw_timezone, ws, p::must<timezone_name>> {};
struct at_keyword : kw_at {};
struct schedule_at : p::seq<at_keyword, ws, p::must<first_time>, p::star<ws, p::one<','>, ws, p::must<next_time>>,
                            p::opt<ws, schedule_timezone>> {};
struct after_keyword : kw_after {};
struct after_flow_name : p::seq<simple_string> {};
struct schedule_after : p::seq<after_keyword, ws, p::must<after_flow_name>> {};
struct schedule_kind : p::sor<schedule_every, schedule_at, schedule_after> {};
struct schedule_stmt : p::seq<kw_schedule, ws, p::must<schedule_kind>> {};

struct settings_block : field_block {};
struct settings_stmt : p::seq<kw_settings, ws, p::must<settings_block>> {};

struct statement : p::sor<flow_stmt, account_stmt, source_stmt, send_stmt, if_stmt, schedule_stmt, settings_stmt> {};
struct statement_end : line_end {};
struct statement_line : p::seq<p::must<statement>, p::must<statement_end>> {};

// The parser reads one top-level statement at a time (so it can recover after an error);
// `file` is the same language as one rule, for `analyze<>` and for whole-file matching.
struct statement_start : separators {};
struct next_statement : p::seq<statement_start, p::sor<p::eof, statement_line>> {};
struct file : p::seq<p::opt<p::utf8::bom>, separators, p::until<p::eof, statement_line, separators>> {};

}  // namespace flowc::grammar
