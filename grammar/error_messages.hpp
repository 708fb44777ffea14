// Syntax error codes and the message of every `must<>` point of grammar/flow_grammar.hpp.
//
// Stable codes (docs list them from syntax_error_codes() below):
//   E001  unexpected text where a statement should start
//   E002  expected `=`
//   E003  unterminated string
//   E004  unclosed `{{` in a string
//   E005  expected `end` to close an `if`
//   E006  expected a name
//   E007  expected `ACCOUNT.ACTION`
//   E008  expected a value
//   E009  expected a field or `}` (field block not closed, or `{` missing)
//   E010  unexpected text at the end of a line
//   E011  malformed condition
//   E012  expected `then`
//   E013  invalid escape sequence
//   E014  malformed schedule
//   E015  unclosed `[` or `(`
//   E016  clause given twice (a second `flow` name, a second `where`)
//   E017  nested too deeply
//   E018  not UTF-8 text
//   E019  too many syntax errors; the rest of the file was not read (a note)
//
// Every message starts with its code and a space ("E002 expected ..."): PEGTL's must_if<> control
// carries only a message, and the parser splits the code off it.
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "grammar/flow_grammar.hpp"

namespace flowc::grammar {

struct SyntaxErrorCode {
  std::string_view code;
  std::string_view meaning;
};

inline constexpr std::array kSyntaxErrorCodes{
    SyntaxErrorCode{"E001", "unexpected text where a statement should start"},
    SyntaxErrorCode{"E002", "expected `=`"},
    SyntaxErrorCode{"E003", "unterminated string"},
    SyntaxErrorCode{"E004", "unclosed `{{` in a string"},
    SyntaxErrorCode{"E005", "expected `end` to close an `if`"},
    SyntaxErrorCode{"E006", "expected a name"},
    SyntaxErrorCode{"E007", "expected `ACCOUNT.ACTION`"},
    SyntaxErrorCode{"E008", "expected a value"},
    SyntaxErrorCode{"E009", "expected a field or `}`"},
    SyntaxErrorCode{"E010", "unexpected text at the end of a line"},
    SyntaxErrorCode{"E011", "malformed condition"},
    SyntaxErrorCode{"E012", "expected `then`"},
    SyntaxErrorCode{"E013", "invalid escape sequence"},
    SyntaxErrorCode{"E014", "malformed schedule"},
    SyntaxErrorCode{"E015", "unclosed `[` or `(`"},
    SyntaxErrorCode{"E016", "clause given twice"},
    SyntaxErrorCode{"E017", "nested too deeply"},
    SyntaxErrorCode{"E018", "not UTF-8 text"},
    SyntaxErrorCode{"E019", "too many syntax errors"},
};

inline std::span<const SyntaxErrorCode> syntax_error_codes() {
  return kSyntaxErrorCodes;
}

// Limits that keep hostile input from exhausting the stack or flooding the output.
inline constexpr int kMaxNesting = 64;
inline constexpr int kMaxSyntaxErrors = 50;

// Messages the parser reports itself (outside a `must<>` point).
namespace messages {
inline constexpr const char* kNestedTooDeeply = "E017 nested too deeply";
inline constexpr const char* kInvalidCodePoint = "E013 `\\u{...}` is not a Unicode scalar value";
inline constexpr const char* kInvalidTime = "E014 invalid time of day: hours go 0-23, minutes 0-59";
inline constexpr const char* kSecondFlowName = "E016 the flow already has a name";
inline constexpr const char* kSecondWhere = "E016 a source takes one `where`; join conditions with `and`";
inline constexpr const char* kInvalidUtf8 = "E018 invalid UTF-8: a flow file must be UTF-8 text";
inline constexpr const char* kNulByte = "E018 the file contains a NUL byte: a flow file must be text";
inline constexpr const char* kTooManyErrors = "E019 too many syntax errors; the rest of the file was not read";
}  // namespace messages

// The message of each `must<>` point; nullptr (the default) means the rule is not one.
template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr const char* error_message<statement> = "E001 expected a statement: `flow`, `account`, `source`, `send`, `if`, `schedule` or `settings`";
template <> inline constexpr const char* error_message<account_eq> = "E002 expected `=` after the account name";
template <> inline constexpr const char* error_message<source_eq> = "E002 expected `=` after the source name";
template <> inline constexpr const char* error_message<simple_piece> = "E003 unterminated string: expected a closing `\"` on the same line";
template <> inline constexpr const char* error_message<string_piece> = "E003 unterminated string: expected a closing `\"` on the same line";
template <> inline constexpr const char* error_message<triple_piece> = "E003 unterminated multi-line string: expected a closing `\"\"\"`";
template <> inline constexpr const char* error_message<interp_close> = "E004 unclosed `{{`: expected `}}` (or `| filter`)";
template <> inline constexpr const char* error_message<if_end> = "E005 expected `end` to close the `if` (or another step, `else if` or `else`)";
template <> inline constexpr const char* error_message<ref_part_after_dot> = "E006 expected a name after `.`";
template <> inline constexpr const char* error_message<interp_ref> = "E006 expected a reference such as `row.name` after `{{`";
template <> inline constexpr const char* error_message<filter_name> = "E006 expected a filter name after `|`";
template <> inline constexpr const char* error_message<flow_name> = "E006 expected the flow name as a string after `flow`";
template <> inline constexpr const char* error_message<account_name> = "E006 expected the account name after `account`";
template <> inline constexpr const char* error_message<connector_name> = "E006 expected a connector name (such as `keepincrm`) after `=`";
template <> inline constexpr const char* error_message<source_name> = "E006 expected the source name after `source`";
template <> inline constexpr const char* error_message<source_target> = "E007 expected `ACCOUNT.ACTION` (such as `sheets.new_rows`) after `=`";
template <> inline constexpr const char* error_message<dot_action> = "E007 expected `.` and an action name after the account name, as in `crm.update_order`";
template <> inline constexpr const char* error_message<send_target> = "E007 expected `ACCOUNT.ACTION` (such as `crm.update_order`) or `NAME = ACCOUNT.ACTION` after `send`";
template <> inline constexpr const char* error_message<field_value> = "E008 expected a value after `=`: a string, number, `true`/`false`, reference, list, duration or rate";
template <> inline constexpr const char* error_message<list_next_item> = "E008 expected a value or `]` after `,`";
template <> inline constexpr const char* error_message<filter_next_arg> = "E008 expected a string or number argument after `,`";
template <> inline constexpr const char* error_message<block_close> = "E009 expected a field `name = value` or `}` to close the block";
template <> inline constexpr const char* error_message<settings_block> = "E009 expected `{` after `settings`";
template <> inline constexpr const char* error_message<statement_end> = "E010 unexpected text after the statement: expected the end of the line";
template <> inline constexpr const char* error_message<step_end> = "E010 unexpected text after the step: expected the end of the line";
template <> inline constexpr const char* error_message<then_end> = "E010 expected the end of the line after `then`: steps go on the following lines";
template <> inline constexpr const char* error_message<else_end> = "E010 expected the end of the line (or `if`) after `else`";
template <> inline constexpr const char* error_message<field_end> = "E010 unexpected text after the field value: expected a space, a new line or `}`";
template <> inline constexpr const char* error_message<where_end> = "E010 unexpected text after the condition: expected `and`, `or` or the end of the line";
template <> inline constexpr const char* error_message<if_condition> = "E011 expected a condition after `if`";
template <> inline constexpr const char* error_message<else_if_condition> = "E011 expected a condition after `else if`";
template <> inline constexpr const char* error_message<where_condition> = "E011 expected a condition after `where`";
template <> inline constexpr const char* error_message<paren_condition> = "E011 expected a condition after `(`";
template <> inline constexpr const char* error_message<and_operand> = "E011 expected a condition after `and`";
template <> inline constexpr const char* error_message<or_operand> = "E011 expected a condition after `or`";
template <> inline constexpr const char* error_message<comparison_tail> = "E011 expected a comparison: `==`, `!=`, `<`, `<=`, `>`, `>=`, `contains`, `not contains`, `starts with`, `ends with`, `matches`, `is empty` or `is not empty`";
template <> inline constexpr const char* error_message<rhs_operand> = "E011 expected a value to compare with";
template <> inline constexpr const char* error_message<contains_after_not> = "E011 expected `contains` after `not`";
template <> inline constexpr const char* error_message<with_after_starts> = "E011 expected `with` after `starts`";
template <> inline constexpr const char* error_message<with_after_ends> = "E011 expected `with` after `ends`";
template <> inline constexpr const char* error_message<empty_after_is> = "E011 expected `empty` or `not empty` after `is`";
template <> inline constexpr const char* error_message<empty_after_is_not> = "E011 expected `empty` after `is not`";
template <> inline constexpr const char* error_message<then_keyword> = "E012 expected `then` after the condition";
template <> inline constexpr const char* error_message<else_if_then> = "E012 expected `then` after the condition";
template <> inline constexpr const char* error_message<escape_code> = "E013 invalid escape: expected `\\\"`, `\\\\`, `\\n`, `\\t`, `\\{` or `\\u{XXXX}`";
template <> inline constexpr const char* error_message<unicode_open> = "E013 expected `{` after `\\u`, as in `\\u{263A}`";
template <> inline constexpr const char* error_message<unicode_digits> = "E013 expected 1 to 6 hex digits in `\\u{...}`";
template <> inline constexpr const char* error_message<unicode_close> = "E013 expected `}` to close `\\u{...}`";
template <> inline constexpr const char* error_message<schedule_kind> = "E014 expected `every`, `at` or `after` after `schedule`";
template <> inline constexpr const char* error_message<every_duration> = "E014 expected a duration such as `15m`, `30s`, `2h` or `1d` after `every`";
template <> inline constexpr const char* error_message<first_time> = "E014 expected a time of day `HH:MM` after `at`";
template <> inline constexpr const char* error_message<next_time> = "E014 expected a time of day `HH:MM` after `,`";
template <> inline constexpr const char* error_message<timezone_name> = "E014 expected the zone name as a string (such as \"Europe/Kyiv\") after `timezone`";
template <> inline constexpr const char* error_message<after_flow_name> = "E014 expected the other flow's name as a string after `after`";
template <> inline constexpr const char* error_message<list_close> = "E015 expected `,` or `]` to close the list";
template <> inline constexpr const char* error_message<paren_close> = "E015 expected `)` to close the `(`";
template <> inline constexpr const char* error_message<filter_args_close> = "E015 expected `,` or `)` after the filter argument";
// clang-format on

// The table as PEGTL's must_if<> wants it. Only `must<>` raises: a failing rule elsewhere just backtracks.
struct syntax_errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
};

template <typename Rule>
using control = tao::pegtl::must_if<syntax_errors>::control<Rule>;

}  // namespace flowc::grammar
