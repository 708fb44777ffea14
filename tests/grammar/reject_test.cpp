// Each syntax mistake gets its code, a message saying what was expected, and a position pointing at
// the offending text (table-driven). Each case holds exactly one mistake, so exactly one error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string_view>

#include "grammar/error_messages.hpp"
#include "tests/grammar/parse_support.hpp"

namespace flowc::testing {
namespace {

struct RejectCase {
  const char* name;
  const char* text;
  const char* code;
  std::uint32_t line;
  std::uint32_t column;
  const char* message_part;
};

void PrintTo(const RejectCase& c, std::ostream* os) {
  *os << c.name;
}

class Rejects : public ::testing::TestWithParam<RejectCase> {};

TEST_P(Rejects, WithOneDiagnostic) {
  const RejectCase& c = GetParam();
  const Parsed parsed = parse(c.text);
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  const Diagnostic& d = parsed.errors()[0];
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(d.code, c.code) << parsed.rendered();
  EXPECT_EQ(d.span.line, c.line) << parsed.rendered();
  EXPECT_EQ(d.span.column, c.column) << parsed.rendered();
  EXPECT_THAT(d.message, ::testing::HasSubstr(c.message_part));
}

const RejectCase kRejectCases[] = {
    // E001
    {"GarbageStatement", "flow \"x\"\nhello world\n", "E001", 2, 1, "expected a statement"},
    {"StrayEnd", "end\n", "E001", 1, 1, "expected a statement"},
    {"StrayElse", "send a.b\nelse\n", "E001", 2, 1, "expected a statement"},
    {"ControlCharacter", "\x01\n", "E001", 1, 1, "expected a statement"},
    // E002
    {"AccountWithoutEquals", "account crm keepincrm {}\n", "E002", 1, 13, "`=` after the account name"},
    {"SourceWithoutEquals", "source row sheets.new_rows\n", "E002", 1, 12, "`=` after the source name"},
    // E003
    {"UnterminatedString", "send a.b {\n  t = \"abc\n}\n", "E003", 2, 7, "unterminated string"},
    {"UnterminatedFlowName", "flow \"abc\n", "E003", 1, 6, "unterminated string"},
    {"UnterminatedMultiline", "send a.b {\n  t = \"\"\"\n  abc\n", "E003", 2, 7, "unterminated multi-line string"},
    {"UnterminatedFilterArg", "send a.b { t = \"{{ x | default(\"-\n", "E003", 1, 32, "unterminated string"},
    {"UnterminatedAfterFilterArg", "send a.b { t = \"{{ x | default(\"-\") }}\n", "E003", 1, 16, "unterminated string"},
    // E004
    {"UnclosedInterpolation", "send a.b { t = \"hi {{ row.name \" }\n", "E004", 1, 20, "unclosed `{{`"},
    {"JunkInInterpolation", "send a.b { t = \"{{ row.name + 1 }}\" }\n", "E004", 1, 17, "expected `}}`"},
    // E005
    {"MissingEnd", "if a == 1 then\n  send x.y\n", "E005", 2, 11, "expected `end`"},
    {"MissingEndBeforeSchedule", "if a == 1 then\n  send x.y\nschedule every 5m\n", "E005", 3, 1, "expected `end`"},
    {"ElseAfterElse", "if a == 1 then\nelse\nelse\nend\n", "E005", 3, 1, "expected `end`"},
    // E006
    {"AccountWithoutName", "account = keepincrm\n", "E006", 1, 9, "account name"},
    {"AccountWithoutConnector", "account crm = {}\n", "E006", 1, 15, "connector name"},
    {"SourceWithoutName", "source = s.new_rows\n", "E006", 1, 8, "source name"},
    {"FlowWithoutName", "flow orders\n", "E006", 1, 6, "flow name as a string"},
    {"ReferenceEndsInDot", "send a.b { x = row. }\n", "E006", 1, 20, "name after `.`"},
    {"EmptyInterpolation", "send a.b { t = \"{{ }}\" }\n", "E006", 1, 20, "reference such as `row.name`"},
    {"FilterWithoutName", "send a.b { t = \"{{ x | }}\" }\n", "E006", 1, 24, "filter name"},
    // E007
    {"SendWithoutAction", "send crm { x = 1 }\n", "E007", 1, 9, "action name after the account"},
    {"SendNamedWithoutTarget", "send update = { x = 1 }\n", "E007", 1, 15, "`ACCOUNT.ACTION`"},
    {"SourceWithoutAction", "source row = sheets\n", "E007", 1, 20, "action name after the account"},
    {"SendWithoutTarget", "send\n", "E007", 1, 5, "`ACCOUNT.ACTION`"},
    // E008
    {"FieldWithoutValue", "send a.b {\n  x =\n}\n", "E008", 2, 6, "expected a value"},
    {"FieldWithBadValue", "send a.b { x = @ }\n", "E008", 1, 16, "expected a value"},
    {"NegativeDuration", "settings { timeout = -5m }\n", "E008", 1, 22, "expected a value"},
    {"ListBadItem", "send a.b { l = [1, @] }\n", "E008", 1, 20, "value or `]`"},
    {"FilterBadArgument", "send a.b { t = \"{{ x | f(1, y) }}\" }\n", "E008", 1, 29, "string or number argument"},
    // E009
    {"UnclosedBlock", "send a.b {\n  x = 1\n", "E009", 2, 8, "or `}` to close the block"},
    {"UnclosedBlockBeforeNextStatement", "send a.b {\n  x = 1\nsend c.d\n", "E009", 3, 1, "`}` to close the block"},
    {"CommaBetweenFields", "send a.b { x = 1, y = 2 }\n", "E010", 1, 17, "after the field value"},
    {"SettingsWithoutBlock", "settings concurrency = 8\n", "E009", 1, 10, "`{` after `settings`"},
    // E010
    {"JunkAfterStatement", "schedule every 15m please\n", "E010", 1, 20, "after the statement"},
    {"JunkAfterBlock", "send a.b { x = 1 } extra\n", "E010", 1, 20, "after the statement"},
    {"StepOnThenLine", "if a == 1 then send x.y\nend\n", "E010", 1, 16, "after `then`"},
    {"JunkAfterElse", "if a == 1 then\nelse foo\nend\n", "E010", 2, 6, "after `else`"},
    {"JunkAfterStep", "if a == 1 then\n  send x.y z\nend\n", "E010", 2, 12, "after the step"},
    {"JunkAfterWhere", "source r = s.rows {\n  where r.a == 1 2\n}\n", "E010", 2, 18, "after the condition"},
    {"FieldValueRunsIntoText", "send a.b { x = row.a+1 }\n", "E010", 1, 21, "after the field value"},
    // E011
    {"IfWithoutCondition", "if then\nend\n", "E011", 1, 4, "condition after `if`"},
    {"SingleEquals", "if a = 1 then\nend\n", "E011", 1, 6, "expected a comparison"},
    {"MissingRightOperand", "if a == then\nend\n", "E011", 1, 9, "value to compare with"},
    {"DanglingAnd", "if a == 1 and then\nend\n", "E011", 1, 15, "condition after `and`"},
    {"DanglingOr", "if a == 1 or\nend\n", "E011", 2, 1, "condition after `or`"},
    {"NotWithoutContains", "if a not b then\nend\n", "E011", 1, 10, "`contains` after `not`"},
    {"StartsWithoutWith", "if a starts \"x\" then\nend\n", "E011", 1, 13, "`with` after `starts`"},
    {"EndsWithoutWith", "if a ends \"x\" then\nend\n", "E011", 1, 11, "`with` after `ends`"},
    {"IsWithoutEmpty", "if a is blank then\nend\n", "E011", 1, 9, "`empty` or `not empty`"},
    {"IsNotWithoutEmpty", "if a is not blank then\nend\n", "E011", 1, 13, "`empty` after `is not`"},
    {"EmptyParens", "if () then\nend\n", "E011", 1, 5, "condition after `(`"},
    {"WhereWithoutCondition", "source r = s.rows {\n  where\n}\n", "E011", 2, 8, "condition after `where`"},
    {"ElseIfWithoutCondition", "if a == 1 then\nelse if then\nend\n", "E011", 2, 9, "condition after `else if`"},
    // E012
    {"IfWithoutThen", "if a == 1\nend\n", "E012", 1, 10, "expected `then`"},
    {"ElseIfWithoutThen", "if a == 1 then\nelse if a == 2\nend\n", "E012", 2, 15, "expected `then`"},
    // E013
    {"UnknownEscape", "send a.b { t = \"a\\qb\" }\n", "E013", 1, 19, "invalid escape"},
    {"UnicodeWithoutBrace", "send a.b { t = \"\\u263A\" }\n", "E013", 1, 19, "`{` after `\\u`"},
    {"UnicodeWithoutDigits", "send a.b { t = \"\\u{}\" }\n", "E013", 1, 20, "hex digits"},
    {"UnicodeUnclosed", "send a.b { t = \"\\u{263A\" }\n", "E013", 1, 24, "`}` to close"},
    {"UnicodeSurrogate", "send a.b { t = \"\\u{D800}\" }\n", "E013", 1, 17, "not a Unicode scalar value"},
    {"UnicodeTooLarge", "send a.b { t = \"\\u{110000}\" }\n", "E013", 1, 17, "not a Unicode scalar value"},
    // E014
    {"ScheduleWithoutKind", "schedule daily\n", "E014", 1, 10, "`every`, `at` or `after`"},
    {"ScheduleEveryWithoutUnit", "schedule every 15\n", "E014", 1, 16, "duration such as `15m`"},
    {"ScheduleAtWithoutTime", "schedule at noon\n", "E014", 1, 13, "time of day `HH:MM` after `at`"},
    {"ScheduleAtBadSecondTime", "schedule at 09:00, 7\n", "E014", 1, 20, "after `,`"},
    {"ScheduleAtHourTooLarge", "schedule at 24:00\n", "E014", 1, 13, "invalid time of day"},
    {"ScheduleAtMinuteTooLarge", "schedule at 09:60\n", "E014", 1, 13, "invalid time of day"},
    {"ScheduleTimezoneNotString", "schedule at 09:00 timezone Europe/Kyiv\n", "E014", 1, 28, "zone name as a string"},
    {"ScheduleAfterNotString", "schedule after clients\n", "E014", 1, 16, "other flow's name"},
    // E015
    {"UnclosedList", "send a.b {\n  l = [1, 2\n}\n", "E015", 3, 1, "`]` to close the list"},
    {"ListWithoutComma", "send a.b { l = [1 2] }\n", "E015", 1, 19, "`]` to close the list"},
    {"UnclosedParen", "if (a == 1 then\nend\n", "E015", 1, 12, "`)` to close"},
    {"UnclosedFilterArgs", "send a.b { t = \"{{ x | f(1 }}\" }\n", "E015", 1, 28, "`)` after the filter argument"},
    // E016
    {"SecondFlowName", "flow \"a\"\nflow \"b\"\n", "E016", 2, 6, "already has a name"},
    {"SecondWhere", "source r = s.rows {\n  where r.a == 1\n  where r.b == 2\n}\n", "E016", 3, 9, "one `where`"},
};

INSTANTIATE_TEST_SUITE_P(Grammar, Rejects, ::testing::ValuesIn(kRejectCases),
                         [](const auto& test_case) { return std::string(test_case.param.name); });

// Every code the parser reports is in the table docs list, with a one-line meaning.
TEST(SyntaxErrorCodes, CoverEveryReportedCode) {
  std::set<std::string_view> listed;
  for (const grammar::SyntaxErrorCode& entry : grammar::syntax_error_codes()) {
    EXPECT_FALSE(entry.meaning.empty()) << entry.code;
    listed.insert(entry.code);
  }
  EXPECT_EQ(listed.size(), 19u);
  for (const RejectCase& c : kRejectCases) EXPECT_TRUE(listed.contains(c.code)) << c.name;
}

}  // namespace
}  // namespace flowc::testing
