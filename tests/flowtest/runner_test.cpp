// The runner in-process: the connectors' real requests reach the stand-in, which answers in each
// service's wire shape (a KeepinCRM search, an email over SMTP), and spec mistakes are reported.
#include "tools/flowtest/runner.hpp"

#include <gtest/gtest.h>

#include "tools/flowtest/report.hpp"
#include "tests/flowtest/flowtest_support.hpp"

namespace flowc::testing {
namespace {

using flowtest::FileResult;

FileResult run_spec(const TempDir& dir, const std::string& flow, const std::string& spec) {
  dir.write("test.flow", flow);
  return flowtest::run_test(flowtest::parse_spec((dir.path() / "t.flowtest").string(), spec));
}

std::string all_diffs(const FileResult& result) {
  std::string out = result.error;
  for (const auto& c : result.cases) out += flowtest::diff_text(c);
  return out;
}

TEST(FlowTestRunner, KeepincrmSearchFindsTheDeclaredOrderAndUpdatesIt) {
  TempDir dir;
  const FileResult result = run_spec(dir, R"(flow "by title"
account crm   = keepincrm { api_key = env.KEEPINCRM_API_KEY }
account files = csv { }
source row = files.new_rows { path = "in.csv" }
send update = crm.update_order {
  find_by = title
  title   = row.title
  total   = row.total
}
)",
                                     R"({"flow": "test.flow", "columns": ["title", "total"],
  "outcomes": {"update": {"success": {"id": 42, "title": "Desk"}}},
  "rows": [
    {"cells": ["Desk", "90"], "expect": {"update": {"result": "success", "sent_exact": {"title": "Desk", "total": 90}}}},
    {"cells": ["Bed", "10"], "outcomes": {"update": {"fail": {"status": 500, "error": "database is down"}}},
     "expect": {"update": {"result": "fail", "status": 500, "errors_contains": "database is down"}}}
  ]})");
  EXPECT_TRUE(result.passed()) << all_diffs(result);
}

TEST(FlowTestRunner, EmailIsDeliveredToTheSmtpStandIn) {
  TempDir dir;
  const FileResult result = run_spec(dir, R"(flow "mail"
account hooks = http  { base_url = "https://hooks.example.com" }
account mail  = email { smtp_url = "smtps://smtp.example.com:465"  username = "robot@example.com"  password = env.SMTP_PASSWORD }
account files = csv { }
source row = files.new_rows { path = "in.csv" }
send lead = hooks.request {
  method     = POST
  url        = "/v1/leads"
  body.email = row.email
}
if lead.result == fail then
  send mail.send {
    from    = "robot@example.com"
    to      = ["sales@example.com"]
    subject = "Lead rejected"
    body    = "The webhook said: {{lead.errors}}"
  }
end
)",
                                     R"({"flow": "test.flow", "columns": ["email"],
  "rows": [{"cells": ["a@b.c"], "outcomes": {"lead": {"fail": {"status": 422, "error": "email is taken"}}},
    "expect": {"lead": {"result": "fail", "sent_exact": {"email": "a@b.c"}},
               "send_1": {"result": "success", "sent": {"from": "robot@example.com", "to": ["sales@example.com"]},
                          "sent_contains": {"message": "The webhook said: email is taken"}}}}]})");
  EXPECT_TRUE(result.passed()) << all_diffs(result);
}

TEST(FlowTestRunner, TheTestsEnvIsUsedAndThenRestored) {
  TempDir dir;
  ::unsetenv("FLOWTEST_CHAT");
  const FileResult result = run_spec(dir, R"(flow "env"
account bot   = telegram { bot_token = env.FLOWTEST_BOT_TOKEN }
account files = csv { }
source row = files.new_rows { path = "in.csv" }
send bot.send_message { chat_id = env.FLOWTEST_CHAT  text = row.text }
)",
                                     R"({"flow": "test.flow", "env": {"FLOWTEST_CHAT": "@team"}, "columns": ["text"],
  "rows": [{"cells": ["hi"], "expect": {"send_0": {"result": "success", "sent_exact": {"chat_id": "@team", "text": "hi"}}}}]})");
  EXPECT_TRUE(result.passed()) << all_diffs(result);
  EXPECT_EQ(std::getenv("FLOWTEST_CHAT"), nullptr) << "the next test must not see this test's env";
}

TEST(FlowTestRunner, ARowDroppedByWhereIsNamedAsTheReason) {
  const std::string spec = R"({"flow": ")" + sample("keepincrm_update_or_create.flow") + R"(",
    "columns": ["order_id", "status"], "rows": [{"cells": ["1", "draft"], "expect": {"update": "success"}}]})";
  const FileResult result = flowtest::run_test(flowtest::parse_spec("t.flowtest", spec));
  ASSERT_EQ(result.cases.size(), 1u) << result.error;
  EXPECT_EQ(flowtest::diff_text(result.cases[0]),
            "  row\n    expected: passes `where`\n    actual:   filtered out by the source's `where`\n"
            "  update.result\n    expected: success\n    actual:   skipped\n");
}

TEST(FlowTestRunner, ARequestForARealHostIsBlockedAndReported) {
  TempDir dir;
  const FileResult result = run_spec(dir, R"(flow "absolute url"
account hooks = http { }
account files = csv { }
source row = files.new_rows { path = "in.csv" }
send lead = hooks.request {
  method = POST
  url    = "https://hooks.example.invalid/v1/leads?token={{env.FLOWTEST_TOKEN}}"
  body.email = row.email
}
)",
                                     R"({"flow": "test.flow", "columns": ["email"],
  "rows": [{"cells": ["a@b.c"], "expect": {"lead": "fail"}}]})");
  ASSERT_EQ(result.cases.size(), 1u) << result.error;
  EXPECT_EQ(flowtest::diff_text(result.cases[0]),
            "  lead.request\n"
            "    expected: a url on the account's base_url, which the test answers\n"
            "    actual:   POST https://hooks.example.invalid/v1/leads (blocked: flow tests never use the network)\n");
}

TEST(FlowTestRunner, ACsvSendWithAnAbsolutePathIsNotRun) {
  TempDir dir;
  const std::string target = (dir.path() / "real.csv").string();
  const FileResult result = run_spec(dir, R"(flow "absolute csv"
account files = csv { }
source row = files.new_rows { path = "in.csv" }
send files.append_row { path = ")" + target + R"("  columns.a = row.a }
)",
                                     R"({"flow": "test.flow", "columns": ["a"], "rows": [{"cells": ["1"]}]})");
  EXPECT_NE(result.error.find("send_0 writes to the absolute path " + target), std::string::npos) << result.error;
  EXPECT_FALSE(std::filesystem::exists(target));
}

TEST(FlowTestRunner, AFlowThatDoesNotCompileIsAnError) {
  TempDir dir;
  const FileResult result = run_spec(dir, "flow \"x\"\nsend nope\n",
                                     R"({"flow": "test.flow", "columns": ["a"], "rows": [{"cells": ["1"]}]})");
  EXPECT_FALSE(result.passed());
  EXPECT_NE(result.error.find("does not compile"), std::string::npos) << result.error;
}

TEST(FlowTestSpec, MistakesNameTheKey) {
  auto error_of = [](const std::string& text) {
    try {
      flowtest::parse_spec("t.flowtest", text);
    } catch (const flowtest::SpecError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(
      error_of(R"({"flow": "f.flow", "columns": ["a"], "rows": [{"cells": ["1"], "expected": {}}]})"),
      "t.flowtest: rows[0]: unknown key \"expected\" (known: cells, expect, filtered_out, name, number, outcomes)");
  EXPECT_EQ(error_of(R"({"flow": "f.flow", "columns": ["a"], "rows": [{"cells": ["1"], "expect": {"s": "done"}}]})"),
            "t.flowtest: rows[0].expect.s: result must be success, fail or skipped, not \"done\"");
  EXPECT_EQ(
      error_of(
          R"({"flow": "f.flow", "columns": ["a"], "outcomes": {"s": {"fail": {"error": "x"}}}, "rows": [{"cells": []}]})"),
      "t.flowtest: outcomes.s.fail: needs a \"status\" (the HTTP status the service answers)");
  EXPECT_EQ(error_of(R"({"flow": "f.flow", "columns": ["a"], "rows": [{"cells": ["1", "2"]}]})"),
            "t.flowtest: rows[0].cells: has 2 values but there are 1 columns");
}

}  // namespace
}  // namespace flowc::testing
