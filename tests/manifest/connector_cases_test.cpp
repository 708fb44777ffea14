// Every built-in connector with a case file passes its cases (`flowc connectors test`): the
// request each service's docs show and the reading of its documented answers, offline, through
// the real engine and a loopback server answering from the manifest's examples. And the runner
// itself notices a case that is wrong.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ir/manifest/connector_catalog.hpp"
#include "tests/support/temp_dir.hpp"
#include "tools/flowtest/cases/case_runner.hpp"

namespace flowc::flowtest {
namespace {

std::vector<std::string> case_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(FLOWC_SOURCE_DIR) + "/connectors")) {
    const std::string name = entry.path().filename().string();
    const auto cases = entry.path() / (name + ".cases.json");
    if (std::filesystem::exists(cases)) files.push_back(cases.string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ConnectorCases : public ::testing::TestWithParam<std::string> {};

TEST_P(ConnectorCases, PassAgainstTheManifestsExamples) {
  const CaseFile cases = load_case_file(GetParam());
  const std::string connector = std::filesystem::path(GetParam()).parent_path().filename().string();
  const manifest::ConnectorManifest* described = catalog::installed().find_manifest(connector);
  ASSERT_NE(described, nullptr) << connector;
  EXPECT_FALSE(cases.docs.empty()) << "a case file names the docs it follows";
  for (const CaseOutcome& outcome : run_connector_cases(*described, cases)) {
    std::string differences;
    for (const std::string& difference : outcome.differences) differences += "\n  " + difference;
    EXPECT_TRUE(outcome.passed()) << outcome.name << differences;
  }
}

INSTANTIATE_TEST_SUITE_P(EveryConnector, ConnectorCases, ::testing::ValuesIn(case_files()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return std::filesystem::path(param.param).parent_path().filename().string();
                         });

TEST(ConnectorCaseRunner, AWrongExpectationIsReportedWithWhatCame) {
  flowc::testing::TempDir dir;
  const std::string file = dir.write("telegram.cases.json", R"({
  "docs": ["https://core.telegram.org/bots/api#sendmessage"],
  "account": {"bot_token": "123:abc"},
  "cases": [{
    "name": "wrong on purpose",
    "action": "send_message",
    "fields": {"chat_id": "42", "text": "hi"},
    "answer": "chat_not_found",
    "request": {"method": "POST", "path": "/bot123:abc/sendMessage", "body": {"chat_id": "42", "text": "bye"}},
    "expect": {"result": "success"}
  }]
})");
  const auto outcomes = run_connector_cases(*catalog::installed().find_manifest("telegram"), load_case_file(file));
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].differences,
            (std::vector<std::string>{"result: expected success, got fail",
                                      R"(request.body: expected {"chat_id":"42","text":"bye"}, got {"chat_id":"42","text":"hi"})"}));
  EXPECT_THROW(load_case_file(dir.write("bad.cases.json", R"({"cases": [{"name": "x"}]})")), CaseFileError);
}

}  // namespace
}  // namespace flowc::flowtest
