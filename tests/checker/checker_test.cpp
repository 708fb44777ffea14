// Every semantic check, table-driven: flow text -> the exact diagnostics (code, line, column).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler/compile.hpp"

namespace flowc {
namespace {

// Lines 1-3 of most cases; a case's own text starts at line 4.
constexpr std::string_view kPrelude =
    "account crm = keepincrm { api_key = env.KEEPINCRM_API_KEY }\n"
    "account files = csv\n"
    "source row = files.new_rows { path = \"orders.csv\" }\n";

struct Expected {
  std::string code;
  std::uint32_t line;  // 0: a whole-file diagnostic
  std::string at;      // the text the diagnostic points at: its column is where this first occurs on the line
};

struct CheckCase {
  std::string name;
  std::string text;
  std::vector<Expected> expected;
  bool with_prelude = true;
};

void PrintTo(const CheckCase& c, std::ostream* out) {
  *out << c.name;
}

std::string describe(const std::string& code, std::uint32_t line, std::uint32_t column) {
  return code + "@" + std::to_string(line) + ":" + std::to_string(column);
}

class Check : public testing::TestWithParam<CheckCase> {};

TEST_P(Check, ReportsExactlyTheExpectedDiagnostics) {
  const CheckCase& c = GetParam();
  const std::string text = c.with_prelude ? std::string(kPrelude) + c.text : c.text;
  const CompileResult result = compile_source("case.flow", text);

  std::vector<std::string> expected;
  for (const Expected& e : c.expected) {
    std::uint32_t column = 0;
    if (e.line != 0) {
      const std::size_t at = result.source.line_text(e.line).find(e.at);
      ASSERT_NE(at, std::string_view::npos) << "`" << e.at << "` is not on line " << e.line;
      column = static_cast<std::uint32_t>(at + 1);
    }
    expected.push_back(describe(e.code, e.line, column));
  }
  std::vector<std::string> actual;
  for (const Diagnostic& d : result.diagnostics.items()) actual.push_back(describe(d.code, d.span.line, d.span.column));
  EXPECT_EQ(actual, expected) << render_text(result.source, result.diagnostics.items());
  EXPECT_EQ(result.flow.has_value(), !result.diagnostics.has_errors());
}

const CheckCase kCases[] = {
    // Names.
    {"UnknownConnector", "account y = keepin\n", {{"E020", 4, "keepin"}}},
    {"UnknownAccount", "send cmr.create_order {}\n", {{"E021", 4, "cmr"}}},
    {"UnknownAction", "send crm.update_ordr {}\n", {{"E022", 4, "update_ordr"}}},
    {"SourceActionAsSend", "send files.new_rows { path = \"x\" }\n", {{"E023", 4, "new_rows"}}},
    {"DuplicateAccount", "account crm = telegram { bot_token = env.T }\n", {{"E024", 4, "crm"}}},
    {"DuplicateSend",
     "send a = crm.create_order {}\nsend a = crm.create_order {}\nif a.result == fail then\nend\n",
     {{"E024", 5, "a ="}}},
    {"SendNamedLikeSource", "send row = crm.create_order {}\n", {{"E024", 4, "row"}}},
    {"ReservedName", "send env = crm.create_order {}\n", {{"E025", 4, "env"}}},
    {"NoSource", "account crm = keepincrm { api_key = env.K }\nsend crm.create_order {}\n", {{"E026", 0, ""}}, false},
    {"TwoSources", "source other = files.new_rows { path = \"b.csv\" }\n", {{"E027", 4, "source"}}},
    // Fields.
    {"UnknownField", "send crm.create_order { titel = \"x\" }\n", {{"E030", 4, "titel"}}},
    {"UnknownAccountField",
     "account t = telegram { bot_token = env.T  token = env.X }\n",
     {{"E030", 4, "token = env.X"}}},
    {"MissingRequired", "send crm.update_order { id = 1 }\n", {{"E031", 4, "update_order"}}},
    {"MissingCredentials",
     "account s = google_sheets { base_url = \"http://127.0.0.1:1\" }\n",
     {{"E031", 4, "google_sheets"}}},
    {"DuplicateField", "send crm.create_order { title = \"a\"\n  title = \"b\" }\n", {{"E032", 5, "title"}}},
    {"TextForNumber", "send crm.create_order { total = \"abc\" }\n", {{"E033", 4, "\"abc\""}}},
    {"ListForText", "send crm.create_order { title = [1, 2] }\n", {{"E033", 4, "[1"}}},
    {"DurationForText", "send crm.create_order { comment = 30s }\n", {{"E033", 4, "30s"}}},
    {"NumericTextForNumber", "send crm.create_order { total = \"12.5\" }\n", {}},
    {"BadChoice", "send crm.update_order { find_by = id  on_many = last }\n", {{"E034", 4, "last"}}},
    {"SecretLiteral", "account bot = telegram { bot_token = \"123:abc\" }\n", {{"E035", 4, "\"123"}}},
    {"SecretInTemplateFromEnv", "account h = http { bearer_token = \"{{env.TOKEN}}\" }\n", {}},
    {"ZeroRate", "account t = telegram { bot_token = env.T  rate_limit = 0/min }\n", {{"E036", 4, "0/min"}}},
    {"HugeRate",
     "account t = telegram { bot_token = env.T  rate_limit = 99999999999/s }\n",
     {{"E036", 4, "99999999999/s"}}},
    // References.
    {"UndefinedRoot", "send crm.create_order { title = \"{{rows.x}}\" }\n", {{"E040", 4, "rows"}}},
    {"BareWordInCondition", "if row.status == draft then\nend\n", {{"E040", 4, "draft"}}},
    {"AccountAsValue", "send crm.create_order { title = crm.x }\n", {{"E040", 4, "crm.x"}}},
    {"LaterSend",
     "send crm.create_order { title = \"{{b.id}}\" }\nsend b = crm.create_order {}\n",
     {{"E041", 4, "b.id"}}},
    {"SelfReference", "send a = crm.create_order { title = a.title }\n", {{"E042", 4, "a.title"}}},
    {"NoSuchResponseField",
     "send a = crm.create_order {}\nsend crm.create_order { title = a.titl }\n",
     {{"E043", 5, "titl }"}}},
    {"NoSuchFlowField", "send crm.create_order { title = flow.nam }\n", {{"E043", 4, "nam }"}}},
    {"EnvNeedsOneName", "send crm.create_order { title = env }\n", {{"E043", 4, "env"}}},
    {"RowInAccount", "account t = telegram { bot_token = env.T  base_url = row.url }\n", {{"E044", 4, "row.url"}}},
    {"SendInWhere",
     "account crm = keepincrm { api_key = env.K }\naccount files = csv\n"
     "source row = files.new_rows {\n  path = \"a.csv\"\n  where a.result == fail\n}\nsend a = crm.create_order {}\n",
     {{"E044", 5, "a.result"}},
     false},
    {"UnknownFilter", "send crm.create_order { title = \"{{row.a | uper}}\" }\n", {{"E045", 4, "uper"}}},
    {"FilterArgs", "send crm.create_order { title = \"{{row.a | truncate}}\" }\n", {{"E046", 4, "| truncate"}}},
    {"KnownFilters", "send crm.create_order { title = \"{{row.a | trim | default(\"-\") | truncate(20)}}\" }\n", {}},
    // Conditions.
    {"ResultAgainstString",
     "send a = crm.create_order {}\nif a.result == \"fail\" then\nend\n",
     {{"E050", 5, "\"fail\""}}},
    {"ResultAgainstWord", "send a = crm.create_order {}\nif a.result == failed then\nend\n", {{"E050", 5, "failed"}}},
    {"ResultOrdering", "send a = crm.create_order {}\nif a.result < fail then\nend\n", {{"E051", 5, "<"}}},
    {"ResultOnTheRight", "send a = crm.create_order {}\nif fail == a.result then\nend\n", {}},
    {"RowColumnNamedResult", "if row.result == fail then\nend\n", {{"E040", 4, "fail"}}},
    {"BadRegex", "if row.x matches \"([a-z\" then\nend\n", {{"E052", 4, "\"([a-z\""}}},
    {"GoodRegex", "if row.x matches \"^[0-9]+$\" then\nend\n", {}},
    {"ListInCondition", "if row.x == [1, 2] then\nend\n", {{"E053", 4, "[1"}}},
    // Schedules.
    {"ZeroInterval", "schedule every 0m\n", {{"E061", 4, "0m"}}},
    {"UnknownTimeZone", "schedule at 09:00 timezone \"Europe/Kiyv\"\n", {{"E062", 4, "\"Europe/Kiyv\""}}},
    {"KnownTimeZone", "schedule at 09:00 timezone \"Europe/Kyiv\"\n", {}},
    {"AfterItself",
     "flow \"sync\"\n" + std::string(kPrelude) + "schedule after \"sync\"\n",
     {{"E063", 5, "\"sync\""}},
     false},
    {"HugeInterval", "schedule every 99999999999d\n", {{"E061", 4, "99999999999d"}}},
    {"DuplicateSchedule", "schedule every 15m\nschedule every 15m\n", {{"W004", 5, "schedule"}}},
    // Transport safety.
    {"InsecureTls", "account t = telegram { bot_token = env.T  insecure_tls = true }\n", {{"W005", 4, "insecure_tls"}}},
    {"VerifiedTls", "account t = telegram { bot_token = env.T  insecure_tls = false }\n", {}},
    {"SecretOverPlainHttp", "account t = telegram { bot_token = env.T  base_url = \"http://api.example.com\" }\n",
     {{"W006", 4, "base_url"}}},
    {"PlainHttpUppercaseWithUserAndPort",
     "account h = http { bearer_token = env.T  base_url = \"HTTP://u@hooks.example.com:8080/x\" }\n",
     {{"W006", 4, "base_url"}}},
    {"PlainHttpToLoopback",
     "account a = telegram { bot_token = env.T  base_url = \"http://127.0.0.1:8080\" }\n"
     "account b = keepincrm { api_key = env.K  base_url = \"http://localhost/v1\" }\n"
     "account c = http { bearer_token = env.H  base_url = \"http://[::1]:9/\" }\n",
     {}},
    {"PlainHttpWithoutSecret", "account h = http { base_url = \"http://hooks.example.com\" }\n", {}},
    {"HttpsWithSecret", "account t = telegram { bot_token = env.T  base_url = \"https://api.example.com\" }\n", {}},
    // Settings.
    {"UnknownSetting", "settings { concurency = 2 }\n", {{"E070", 4, "concurency"}}},
    {"RetriesOutOfRange", "settings { retries = 50 }\n", {{"E071", 4, "50"}}},
    {"ZeroConcurrency", "settings { concurrency = 0 }\n", {{"E071", 4, "0"}}},
    {"TimeoutNotDuration", "settings { timeout = 30 }\n", {{"E033", 4, "30"}}},
    {"HugeTimeout", "settings { timeout = 99999999999d }\n", {{"E071", 4, "99999999999d"}}},
    {"HugeConcurrency", "settings { concurrency = 99999999999999999999999 }\n", {{"E071", 4, "9999"}}},
    {"TwoSettings", "settings { retries = 1 }\nsettings { timeout = 5s }\n", {{"E072", 5, "settings"}}},
    // Warnings.
    {"UnusedSend", "send a = crm.create_order {}\n", {{"W001", 4, "a"}}},
    {"SkippedAfterAlwaysRun",
     "send a = crm.create_order {}\nif a.result == skipped then\nend\n",
     {{"W002", 5, "a.result"}}},
    {"ContradictsEnclosingBranch",
     "send a = crm.create_order {}\nif a.result == fail then\n  if a.result == success then\n  end\nend\n",
     {{"W002", 6, "a.result"}}},
    {"ElseIfAfterSameTest",
     "send a = crm.create_order {}\nif a.result == fail then\nelse if a.result == fail then\nend\n",
     {{"W002", 6, "a.result"}}},
    {"DifferentLiterals", "if \"a\" == \"b\" then\nend\n", {{"W002", 4, "\"a\""}}},
    {"SkippedInsideBranchIsPossible",
     "send a = crm.create_order {}\nif a.result == fail then\n  send b = crm.create_order {}\nend\n"
     "if b.result == skipped then\nend\n",
     {}},
    {"ElseAfterAlwaysTrue",
     "send a = crm.create_order {}\nif a.result != skipped then\nelse\n  send crm.create_order {}\nend\n",
     {{"W003", 7, "send"}}},
};

INSTANTIATE_TEST_SUITE_P(Flows, Check, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<CheckCase>& param) { return param.param.name; });

TEST(Check, TheDesignSampleIsClean) {
  const CompileResult result = compile_file(FLOWC_SOURCE_DIR "/tests/golden/design_sample.flow");
  EXPECT_THAT(result.diagnostics.items(), testing::IsEmpty()) << render_text(result.source, result.diagnostics.items());
  ASSERT_TRUE(result.flow);
}

TEST(Check, MessagesSuggestTheIntendedName) {
  const CompileResult result =
      compile_source("case.flow", std::string(kPrelude) + "send crm.create_order { titel = \"x\" }\n");
  ASSERT_EQ(result.diagnostics.items().size(), 1u);
  EXPECT_EQ(result.diagnostics.items()[0].message, "unknown field `titel` for keepincrm.create_order");
  EXPECT_EQ(result.diagnostics.items()[0].help, "did you mean `title`?");
}

TEST(Check, SecretValueNeverAppearsInMessages) {
  const CompileResult result =
      compile_source("case.flow", std::string(kPrelude) + "account bot = telegram { bot_token = \"123:SECRET\" }\n");
  ASSERT_EQ(result.diagnostics.items().size(), 1u);
  const Diagnostic& d = result.diagnostics.items()[0];
  EXPECT_EQ(d.message.find("SECRET"), std::string::npos);
  EXPECT_EQ(d.help.find("SECRET"), std::string::npos);
  EXPECT_EQ(d.help, "write `bot_token = env.TELEGRAM_BOT_TOKEN` and set TELEGRAM_BOT_TOKEN in the environment");
}

TEST(Compile, SyntaxErrorsSkipTheSemanticChecks) {
  // `titel` would be E030, but a half-parsed flow is not checked: only the syntax error shows.
  const CompileResult result =
      compile_source("case.flow", std::string(kPrelude) + "send crm.create_order { titel = }\nsend x = \n");
  ASSERT_TRUE(result.diagnostics.has_errors());
  for (const Diagnostic& d : result.diagnostics.items()) EXPECT_LT(d.code, "E020") << d.code << " " << d.message;
  EXPECT_FALSE(result.flow);
}

TEST(Compile, DiagnosticsAreSortedByPosition) {
  const CompileResult result = compile_source(
      "case.flow", "schedule every 0m\n" + std::string(kPrelude) + "send crm.create_order { titel = \"x\" }\n");
  ASSERT_EQ(result.diagnostics.items().size(), 2u);
  EXPECT_EQ(result.diagnostics.items()[0].code, "E061");
  EXPECT_EQ(result.diagnostics.items()[1].code, "E030");
}

TEST(Compile, UnreadableFileThrowsWithThePath) {
  EXPECT_THROW(
      {
        try {
          compile_file("/nonexistent/flow.flow");
        } catch (const std::runtime_error& e) {
          EXPECT_THAT(e.what(), testing::StartsWith("cannot read /nonexistent/flow.flow: "));
          throw;
        }
      },
      std::runtime_error);
}

}  // namespace
}  // namespace flowc
