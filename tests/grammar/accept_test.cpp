// Every construct of the language parses without a diagnostic (table-driven).
#include <gtest/gtest.h>

#include "tests/grammar/parse_support.hpp"

namespace flowc::testing {
namespace {

struct AcceptCase {
  const char* name;
  const char* text;
};

class Accepts : public ::testing::TestWithParam<AcceptCase> {};

TEST_P(Accepts, WithoutDiagnostics) {
  const Parsed parsed = parse(GetParam().text);
  EXPECT_TRUE(parsed.errors().empty()) << parsed.rendered();
}

const AcceptCase kAcceptCases[] = {
    {"EmptyFile", ""},
    {"OnlyComments", "# one\n\n   # two\n"},
    {"NoFinalNewline", "flow \"x\""},
    {"CrLfLineEnds", "flow \"x\"\r\naccount a = b {\r\n  k = 1\r\n}\r\n"},
    {"Utf8Bom",
     "\xEF\xBB\xBF"
     "flow \"x\"\n"},
    {"FlowName", "flow \"orders: sync\"\n"},
    {"FlowNameWithEscapes", "flow \"say \\\"hi\\\" \\u{263A}\"\n"},
    {"CommentAfterStatement", "flow \"x\"   # trailing\n"},
    {"IndentedTopLevel", "   flow \"x\"\n   schedule every 5m\n"},
    {"AccountWithoutBlock", "account a = noop\n"},
    {"AccountOneLine", "account crm = keepincrm { api_key = env.KEY }\n"},
    {"AccountRateLimit", "account crm = keepincrm {\n  api_key = env.KEY\n  rate_limit = 100/min\n}\n"},
    {"EmptyBlock", "account a = b {}\n"},
    {"BlockCommentsAndBlankLines", "account a = b {\n\n  # comment\n  k = 1  # why\n\n}\n"},
    {"FieldsOnOneLine", "settings { concurrency = 8  retries = 5  timeout = 30s }\n"},
    {"DottedFieldNames", "send a.b {\n  client.person = row.customer\n  client.phones = [row.phone]\n}\n"},
    {"SourceWithWhere", "source row = s.new_rows {\n  sheet = \"O\"\n  where row.x is not empty\n}\n"},
    {"SourceWhereOnOneLine", "source row = s.new_rows { where row.x == 1 }\n"},
    {"SourceWithoutBlock", "source row = s.new_rows\n"},
    {"FieldNamedWhere", "source row = s.new_rows { where = 3 }\n"},
    {"SendNamed", "send update = crm.update_order { id = row.id }\n"},
    {"SendAnonymous", "send bot.send_message { text = \"hi\" }\n"},
    {"SendWithoutBlock", "send bot.ping\n"},
    {"Strings", "send a.b { s = \"plain {not a template} \\{{ literal\" }\n"},
    {"Escapes", "send a.b { s = \"q\\\" b\\\\ n\\n t\\t u\\u{1F600}\" }\n"},
    {"TemplateWithFilters", "send a.b { s = \"{{ row.name | upper | default(\"-\") | truncate(20) }}\" }\n"},
    {"FilterArgsMixed", "send a.b { s = \"{{ x | f(\"a\", -1.5, 3) | g() }}\" }\n"},
    {"MultilineString", "send a.b {\n  s = \"\"\"\n    one\n      two \"quoted\" \"\"\n    \"\"\"\n}\n"},
    {"Numbers", "send a.b { i = 42  d = 3.25  n = -7  z = 0 }\n"},
    {"Booleans", "send a.b { t = true  f = false }\n"},
    {"References", "send a.b { r = row.amount  e = env.X  s = id  f = first }\n"},
    {"Lists", "send a.b { l = [1, \"two\", row.three, [4], []] }\n"},
    {"ListTrailingComma", "send a.b { l = [1, 2, ] }\n"},
    {"ListAcrossLines", "send a.b {\n  l = [\n    1,  # one\n    2\n  ]\n}\n"},
    {"Durations", "settings { a = 30s  b = 15m  c = 2h  d = 1d  e = 500ms }\n"},
    {"Rates", "settings { a = 10/s  b = 10/sec  c = 100/min  d = 5/h  e = 5/hour }\n"},
    {"AllOperators",
     "if a == 1 and a != 2 and a < 3 and a <= 4 and a > 5 and a >= 6 and a contains \"x\" and a not contains \"y\" "
     "and a starts with \"z\" and a ends with \"w\" and a matches \"^v$\" and a is empty and b is not empty "
     "then\nend\n"},
    {"NotAndParens", "if not (a == 1 or b == 2) and not not c == fail then\nend\n"},
    {"ConditionContinuesAfterAnd", "if a == 1 and\n   b == 2 or\n   c == 3 then\nend\n"},
    {"ParensAcrossLines", "if (\n  a == 1\n) then\nend\n"},
    {"BareSymbols", "if update.result == fail or update.result == skipped then\nend\n"},
    {"IfElse", "if a == 1 then\n  send x.y\nelse\n  send x.z\nend\n"},
    {"ElseIfChain", "if a == 1 then\n  send x.y\nelse if a == 2 then\n  send x.z\nelse if a == 3 then\nelse\nend\n"},
    {"NestedIfs", "if a == 1 then\n  if b == 2 then\n    if c == 3 then\n      send x.y\n    end\n  end\nend\n"},
    {"IfBodyWithCommentsAndBlankLines", "if a == 1 then\n\n  # note\n  send x.y  # why\n\nend  # done\n"},
    {"ScheduleEvery", "schedule every 15m\n"},
    {"ScheduleAt", "schedule at 09:00, 18:30 timezone \"Europe/Kyiv\"\n"},
    {"ScheduleAtOneDigitHour", "schedule at 9:05\n"},
    {"ScheduleAfter", "schedule after \"clients-sync\"\n"},
    {"Settings", "settings {\n  concurrency = 8\n  retries = 5\n  timeout = 30s\n}\n"},
};

INSTANTIATE_TEST_SUITE_P(Grammar, Accepts, ::testing::ValuesIn(kAcceptCases),
                         [](const auto& test_case) { return std::string(test_case.param.name); });

}  // namespace
}  // namespace flowc::testing
