// `flowc test` as a user runs it: the shipped samples pass, a wrong expectation fails with a
// diff that names the row, the send, the field and both values, and JUnit output adds up.
#include <gtest/gtest.h>

#include <regex>
#include <vector>

#include "tests/flowtest/flowtest_support.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

// The seed scenario's update path, but expecting a quantity the row does not have.
std::string broken_test(const std::string& flow) {
  return R"({
  "flow": ")" +
         flow + R"(",
  "columns": ["order_id", "status", "product", "qty", "amount", "customer", "phone"],
  "rows": [
    {"name": "updated <& checked>", "cells": ["1001", "new", "Chair", "2", "300", "Olena", "+380501112233"],
     "expect": {"update": {"result": "success", "sent": {"title": "Chair x 3"}}, "create": "skipped"}},
    {"name": "expects a create that never happens", "cells": ["1002", "new", "Desk", "1", "90", "Ivan", "+3805"],
     "expect": {"update": "success", "create": "success"}},
    {"name": "fine", "cells": ["1003", "new", "Lamp", "1", "10", "Ivan", "+3805"],
     "expect": {"update": "success"}}
  ]
})";
}

// Tags balance and nest: enough to know a CI server's XML parser will accept the report.
bool well_formed(const std::string& xml) {
  const std::string declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (!xml.starts_with(declaration)) return false;
  std::vector<std::string> open;
  const std::regex tag(R"(<(/?)([A-Za-z]+)[^<>]*?(/?)>)");
  for (auto it = std::sregex_iterator(xml.begin() + declaration.size(), xml.end(), tag); it != std::sregex_iterator();
       ++it) {
    const auto& match = *it;
    if (match[3] == "/") continue;  // <testcase .../>
    if (match[1] == "/") {
      if (open.empty() || open.back() != match[2]) return false;
      open.pop_back();
    } else {
      open.push_back(match[2]);
    }
  }
  // No raw markup characters may be left in text once the tags are removed.
  const std::string text = std::regex_replace(xml.substr(declaration.size()), tag, "");
  return open.empty() && text.find('<') == std::string::npos && text.find('>') == std::string::npos;
}

TEST(FlowTestCommand, ShippedSamplesPass) {
  const CommandResult result = run_flowc("test " + std::string(FLOWC_SOURCE_DIR) + "/samples");
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("PASS " + sample("keepincrm_update_or_create.flowtest")), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("PASS " + sample("csv_telegram_digest.flowtest")), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("PASS " + sample("sheet_webhook_email.flowtest")), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(" 0 failed"), std::string::npos) << result.out;
}

TEST(FlowTestCommand, WrongExpectationFailsWithADiff) {
  TempDir dir;
  const std::string file = dir.write("broken.flowtest", broken_test(sample("keepincrm_update_or_create.flow")));
  const CommandResult result = run_flowc("test " + file);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("FAIL " + file +
                            ": row 1 \"updated <& checked>\"\n"
                            "  update.sent.title\n"
                            "    expected: \"Chair x 3\"\n"
                            "    actual:   \"Chair x 2\"\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("FAIL " + file +
                            ": row 2 \"expects a create that never happens\"\n"
                            "  create.result\n"
                            "    expected: success\n"
                            "    actual:   skipped\n"),
            std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("row 3"), std::string::npos) << "a passing row is not listed:\n" << result.out;
  EXPECT_NE(result.out.find("3 row(s): 1 passed, 2 failed"), std::string::npos) << result.out;
}

TEST(FlowTestCommand, JunitReportCountsRowsAndFailures) {
  TempDir dir;
  dir.write("broken.flowtest", broken_test(sample("keepincrm_update_or_create.flow")));
  const std::string report = (dir.path() / "report.xml").string();
  const CommandResult result = run_flowc("test --format junit -o " + report + " " + dir.path().string() + " " +
                                         sample("keepincrm_update_or_create.flowtest"));
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  std::ifstream in(report);
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(well_formed(xml)) << xml;
  EXPECT_NE(xml.find(R"(<testsuites name="flowc test" tests="8" failures="2" errors="0")"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(tests="3" failures="2" errors="0")"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(tests="5" failures="0" errors="0")"), std::string::npos) << xml;  // the sample's five rows
  EXPECT_NE(xml.find("expected: &quot;Chair x 3&quot;"), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"row 1 &quot;updated &lt;&amp; checked&gt;&quot;\""), std::string::npos) << xml;
}

TEST(FlowTestCommand, UnknownSendIsAUsageError) {
  TempDir dir;
  dir.write("orders.flowtest", R"({"flow": ")" + sample("keepincrm_update_or_create.flow") + R"(",
    "columns": ["order_id"], "rows": [{"cells": ["1"], "expect": {"upsert": "success"}}]})");
  const CommandResult result = run_flowc("test " + dir.path().string());
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.out.find("rows[0].expect.upsert: the flow has no send named \"upsert\" (its sends: create, send_2, "
                            "update)"),
            std::string::npos)
      << result.out;
}

TEST(FlowTestCommand, JsonSyntaxErrorGivesLineAndColumn) {
  TempDir dir;
  // The comma after "orders.flow" is missing: RapidJSON stops at the `"` that opens "columns".
  const std::string file = dir.write("orders.flowtest", "{\n  \"flow\": \"orders.flow\"\n  \"columns\": [\"a\"]\n}\n");
  const CommandResult result = run_flowc("test " + file);
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.out.find(file + ":3:3: Missing a comma or '}' after an object member."), std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("offset"), std::string::npos) << result.out;
}

TEST(FlowTestCommand, MissingPathIsAUsageError) {
  const CommandResult result = run_flowc("test /nonexistent/flowtests");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("/nonexistent/flowtests: no such file or folder"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace flowc::testing
