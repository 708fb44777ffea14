// After a syntax error the parser resumes at the next top-level statement: every independent
// mistake is reported once, nothing is reported twice, and the statements around it still parse.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compiler/parse/parse_recovery.hpp"
#include "tests/grammar/parse_support.hpp"

namespace flowc::testing {
namespace {

// "E006@3:9" for each diagnostic, in order.
std::vector<std::string> positions(const Parsed& parsed) {
  std::vector<std::string> out;
  for (const Diagnostic& d : parsed.errors()) {
    out.push_back(d.code + "@" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column));
  }
  return out;
}

using Codes = std::vector<std::string>;

TEST(Recovery, ReportsEveryIndependentErrorAndKeepsTheGoodStatements) {
  const Parsed parsed = parse(
      "flow \"x\"\n"
      "account crm = {\n"  // E006: no connector
      "  api_key = env.KEY\n"
      "}\n"
      "account bot = telegram {}\n"
      "send crm.update { id = }\n"  // E008: no value
      "schedule every 15\n"         // E014: no unit
      "schedule after \"other\"\n");
  EXPECT_EQ(positions(parsed), (Codes{"E006@2:15", "E008@6:24", "E014@7:16"})) << parsed.rendered();
  EXPECT_TRUE(parsed.flow.name.has_value());
  ASSERT_EQ(parsed.flow.accounts.size(), 1u);
  EXPECT_EQ(parsed.flow.accounts[0].name.text, "bot");
  EXPECT_TRUE(parsed.flow.steps.empty());
  ASSERT_EQ(parsed.flow.schedules.size(), 1u);
  EXPECT_EQ(parsed.flow.schedules[0].after.text, "other");
}

TEST(Recovery, ErrorInsideAnIfSkipsToItsEnd) {
  const Parsed parsed = parse(
      "if a == 1 then\n"
      "  send x.y { v = @ }\n"  // E008
      "  if b == 2 then\n"
      "    send x.z\n"
      "  end\n"
      "end\n"
      "send after.it\n");
  EXPECT_EQ(positions(parsed), (Codes{"E008@2:18"})) << parsed.rendered();
  ASSERT_EQ(parsed.flow.steps.size(), 1u);
  EXPECT_EQ(parsed.flow.steps[0].send.account.text, "after");
}

TEST(Recovery, ErrorInANestedIfConditionSkipsToTheOutermostEnd) {
  const Parsed parsed = parse(
      "if a == 1 then\n"
      "  if b = 2 then\n"  // E011
      "    send x.z\n"
      "  end\n"
      "  send x.w\n"
      "end\n"
      "if c == 3 then\n"
      "end\n");
  EXPECT_EQ(positions(parsed), (Codes{"E011@2:8"})) << parsed.rendered();
  ASSERT_EQ(parsed.flow.steps.size(), 1u);
  EXPECT_EQ(parsed.flow.steps[0].if_.branches.at(0).condition.lhs.reference.dotted(), "c");
}

TEST(Recovery, UnindentedStepsInsideABrokenIfAreNotMistakenForTopLevel) {
  const Parsed parsed = parse(
      "if a == then\n"  // E011
      "send x.y\n"
      "end\n"
      "send x.z\n");
  EXPECT_EQ(positions(parsed), (Codes{"E011@1:9"})) << parsed.rendered();
  ASSERT_EQ(parsed.flow.steps.size(), 1u);
  EXPECT_EQ(parsed.flow.steps[0].send.action.text, "z");
}

TEST(Recovery, MissingEndStopsAtTheNextTopLevelOnlyStatement) {
  const Parsed parsed = parse(
      "if a == 1 then\n"
      "  send x.y\n"
      "schedule every 5m\n"
      "settings { retries = 3 }\n");
  EXPECT_EQ(positions(parsed), (Codes{"E005@3:1"})) << parsed.rendered();
  EXPECT_EQ(parsed.errors()[0].help, "the `if` on line 1 is not closed");
  EXPECT_EQ(parsed.flow.schedules.size(), 1u);
  EXPECT_EQ(parsed.flow.settings.size(), 1u);
}

TEST(Recovery, MissingEndAtTheEndOfTheFilePointsAtTheLastLine) {
  const Parsed parsed = parse("if a == 1 then\n  send x.y\n");
  EXPECT_EQ(positions(parsed), (Codes{"E005@2:11"})) << parsed.rendered();
}

TEST(Recovery, MissingClosingBraceResumesAtTheNextStatement) {
  const Parsed parsed = parse(
      "send a.b {\n"
      "  x = 1\n"
      "send c.d {\n"  // E009 here: the first block was never closed
      "  y = 2\n"
      "}\n");
  EXPECT_EQ(positions(parsed), (Codes{"E009@3:1"})) << parsed.rendered();
  ASSERT_EQ(parsed.flow.steps.size(), 1u);
  EXPECT_EQ(parsed.flow.steps[0].send.account.text, "c");
}

TEST(Recovery, UnterminatedStringCostsOnlyItsStatement) {
  const Parsed parsed = parse(
      "send a.b {\n"
      "  text = \"Hello {{row.name}}\n"  // E003
      "  other = 1\n"
      "}\n"
      "send c.d { text = \"fine\" }\n");
  EXPECT_EQ(positions(parsed), (Codes{"E003@2:10"})) << parsed.rendered();
  ASSERT_EQ(parsed.flow.steps.size(), 1u);
}

TEST(Recovery, IndentedFileRecoversAtTheSameIndentation) {
  const Parsed parsed = parse(
      "  send a.b { x = }\n"  // E008
      "    y = 2\n"
      "  send c.d\n");
  EXPECT_EQ(positions(parsed), (Codes{"E008@1:18"})) << parsed.rendered();
  EXPECT_EQ(parsed.flow.steps.size(), 1u);
}

TEST(Recovery, SoftErrorsKeepTheStatement) {
  const Parsed parsed = parse(
      "schedule at 09:00, 25:00, 18:30\n"    // E014 for 25:00 only
      "send a.b { t = \"\\u{D800}!\" }\n");  // E013, the rest of the string is kept
  EXPECT_EQ(positions(parsed), (Codes{"E014@1:20", "E013@2:17"})) << parsed.rendered();
  ASSERT_EQ(parsed.flow.schedules.size(), 1u);
  EXPECT_EQ(parsed.flow.schedules[0].times.size(), 2u);
  ASSERT_EQ(parsed.flow.steps.size(), 1u);
  EXPECT_EQ(field_value(parsed).string.parts.at(0).text, "\xEF\xBF\xBD!");
}

struct ResumeCase {
  const char* name;
  const char* text;
  std::size_t statement_begin;
  std::size_t error_offset;
  std::size_t open_ifs;
  std::size_t expected;
};

class ResumeOffset : public ::testing::TestWithParam<ResumeCase> {};

TEST_P(ResumeOffset, FindsTheNextStatement) {
  const ResumeCase& c = GetParam();
  EXPECT_EQ(parse_recovery::resume_offset(c.text, c.statement_begin, c.error_offset, c.open_ifs), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Recovery, ResumeOffset,
    ::testing::Values(ResumeCase{"NextLineKeyword", "send @\nsend a.b\n", 0, 5, 0, 7},
                      ResumeCase{"SkipsNonKeywordLines", "send @\n x = 1\n}\nschedule every 5m\n", 0, 5, 0, 16},
                      ResumeCase{"ErrorAtStatementStartSkipsItsLine", "hello\nflow \"x\"\n", 0, 0, 0, 6},
                      ResumeCase{"ErrorAtNextLineStart", "send a.b {\nsend c.d\n", 0, 11, 0, 11},
                      ResumeCase{"AfterClosingEnd", "if a then\nsend x\nend\nfoo\n", 0, 5, 1, 21},
                      ResumeCase{"NestedEnds", "if a then\nif b then\nend\nend\nsend y\n", 0, 5, 1, 28},
                      ResumeCase{"TopLevelOnlyKeywordEndsAnOpenIf", "if a then\nsettings {}\n", 0, 5, 1, 10},
                      ResumeCase{"DeeperIndentedKeywordIsNotTopLevel", "  send @\n    send a\n  send b\n", 2, 7, 0, 20},
                      ResumeCase{"NothingQualifies", "send @\n x = 1\n", 0, 5, 0, 14}),
    [](const auto& test_case) { return std::string(test_case.param.name); });

}  // namespace
}  // namespace flowc::testing
