// `flowc runs` as a person reads it: given the flow's file like `flowc retry`, rows and sends in
// columns of their own; and a state file that cannot be opened explained with its path and a way out.
#include <gtest/gtest.h>

#include <regex>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/recording_server.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

// Three rows; each makes two sends, the second fails for row 3 (and an `if` handles it).
struct History {
  TempDir dir;
  std::string state = (dir.path() / "state.db").string();
  std::string flow;

  explicit History(const std::string& base_url) {
    const std::string csv = dir.write("rows.csv", "id\n1\n2\n3\n");
    flow = dir.write("orders.flow", csv_to_http_flow("orders listed", base_url, csv) + R"(send first = api.request { url = "/first/{{row.id}}" }
send second = api.request { url = "/second/{{row.id}}" }
if second.result == fail then
end
)");
  }
};

Reply three_rows_one_failure(const ReceivedRequest& request, std::size_t) {
  return request.path == "/second/3" ? Reply{422, R"({"message":"no"})"} : Reply{200, "{}"};
}

TEST(RunsListing, AFlowFileSelectsTheRunsOfTheFlowItHolds) {
  RecordingServer server(three_rows_one_failure);
  History history(server.url());
  ASSERT_EQ(run_flowc("run --state " + history.state + " " + history.flow).exit_code, 0);

  const CommandResult by_file = run_flowc("runs " + history.flow + " --state " + history.state);
  EXPECT_EQ(by_file.exit_code, 0) << by_file.err;
  EXPECT_NE(by_file.out.find("orders listed"), std::string::npos) << by_file.out;
  EXPECT_EQ(by_file.out.find("no runs"), std::string::npos) << by_file.out;
  const CommandResult by_name = run_flowc("runs \"orders listed\" --state " + history.state);
  EXPECT_EQ(by_file.out, by_name.out);
}

TEST(RunsListing, AFlowFileThatDoesNotCompileIsReportedNotListedAsNoRuns) {
  TempDir dir;
  const std::string broken = dir.write("broken.flow", "flow \"x\"\nsend = \n");
  const CommandResult runs = run_flowc("runs " + broken + " --state " + (dir.path() / "state.db").string());
  EXPECT_NE(runs.exit_code, 0);
  EXPECT_NE(runs.err.find("broken.flow"), std::string::npos) << runs.err;
}

TEST(RunsListing, RowsAndSendsAreCountedInColumnsOfTheirOwn) {
  RecordingServer server(three_rows_one_failure);
  History history(server.url());
  ASSERT_EQ(run_flowc("run --state " + history.state + " " + history.flow).exit_code, 0);

  const CommandResult runs = run_flowc("runs --state " + history.state);
  // 3 rows read and done; 6 sends: 5 ok, 1 failed (handled).
  const std::regex line(R"(rows:\s+3 read\s+3 done\s+0 errors\s+\|\s+sends:\s+5 ok\s+1 failed\s+0 unhandled)");
  EXPECT_TRUE(std::regex_search(runs.out, line)) << runs.out;
}

TEST(StateFileLocation, ADirectoryGivenAsTheStateFileIsExplainedWithAWayOut) {
  RecordingServer server(three_rows_one_failure);
  History history(server.url());
  const std::string folder = (history.dir.path() / "states").string();
  std::filesystem::create_directories(folder);
  const CommandResult run = run_flowc("run --state " + folder + " " + history.flow);
  EXPECT_EQ(run.exit_code, 4) << run.out;
  EXPECT_NE(run.err.find(folder), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("is a directory"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--state FILE or FLOWC_STATE"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("PRAGMA"), std::string::npos) << "SQLite's wording reached the user:\n" << run.err;
  EXPECT_TRUE(server.requests().empty());
}

TEST(StateFileLocation, AFileWhereTheStateFolderShouldBeIsExplained) {
  TempDir dir;
  const std::string file = dir.write("not-a-folder", "x");
  const CommandResult runs = run_flowc("runs --state " + file + "/state.db");
  EXPECT_EQ(runs.exit_code, 4) << runs.out;
  EXPECT_NE(runs.err.find("cannot create its directory " + file), std::string::npos) << runs.err;
  EXPECT_NE(runs.err.find("--state FILE or FLOWC_STATE"), std::string::npos) << runs.err;
}

}  // namespace
}  // namespace flowc::testing
