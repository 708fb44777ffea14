// `settings { stop_after_failures = N }`: a dead service stops the run after N rows in a row failed
// the same way, instead of failing (and alerting for) every row; the rows not read stay new.
#include <gtest/gtest.h>

#include <atomic>

#include "runtime/interpreter/failure_streak.hpp"
#include "tests/runctl/runctl_support.hpp"
#include "tests/support/recording_server.hpp"

namespace flowc::testing {
namespace {

std::size_t requests_to(const RecordingServer& server, const std::string& path) {
  std::size_t count = 0;
  for (const auto& request : server.requests()) count += request.path == path;
  return count;
}

TEST(StopAfterFailures, ADeadServiceStopsTheRunAndLeavesTheRestNew) {
  std::atomic<bool> down{true};
  RecordingServer server([&down](const ReceivedRequest& request, std::size_t) {
    return down && request.path == "/orders" ? Reply(503, "{}") : Reply(200, "{}");
  });
  TempDir dir;
  const std::string flow = dir.write("flow.flow", csv_to_http_flow("dead service", server.url(), numbered_rows(dir, 10)) + R"(
send post = api.request { url = "/orders"  body.id = row.id }
if post.result == fail then
  send alert = api.request { url = "/alert"  body.id = row.id }
end
settings { concurrency = 1  retries = 0  stop_after_failures = 3 }
)");
  const std::string state = (dir.path() / "state.db").string();

  const CommandResult run = run_flowc("run " + flow + " --state " + state);
  EXPECT_EQ(run.exit_code, 6) << run.out << run.err;
  EXPECT_NE(run.err.find("3 rows in a row failed the same way (send post: HTTP 503)"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("flowc: error: the run stopped early"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("stopped: 3 rows in a row"), std::string::npos) << run.out;
  EXPECT_EQ(requests_to(server, "/orders"), 3u);
  EXPECT_EQ(requests_to(server, "/alert"), 3u);
  const CommandResult runs = run_flowc("runs --state " + state);
  EXPECT_NE(runs.out.find(" stopped "), std::string::npos) << runs.out;
  const CommandResult show = run_flowc("show " + newest_run_id(state) + " --state " + state);
  EXPECT_NE(show.out.find("stop_after_failures"), std::string::npos) << show.out;

  down = false;
  const CommandResult next = run_flowc("run " + flow + " --state " + state);
  EXPECT_EQ(next.exit_code, 0) << next.err;
  EXPECT_NE(next.out.find("10 rows read, 3 already handled, 0 filtered out, 7 done"), std::string::npos) << next.out;
  EXPECT_EQ(requests_to(server, "/orders"), 10u);
}

TEST(StopAfterFailures, OnlyFailuresOfOneKindCountAndTheSettingIsChecked) {
  const ir::Flow flow = compile_or_fail(R"(flow "streak"
account files = csv {}
account api = http { base_url = "http://127.0.0.1:1" }
source row = files.new_rows { path = "x.csv" }
send post = api.request { url = "/orders" }
send note = api.request { url = "/notes" }
if post.result == fail or note.result == fail then
end
)");
  runtime::FailureStreak streak(flow, 2);
  std::vector<runtime::SendState> sends(2);
  sends[0].result = runtime::SendResult::Fail;
  sends[0].status = 503;
  streak.add(sends);
  sends[0].status = 500;  // another way
  streak.add(sends);
  EXPECT_FALSE(streak.reached());
  sends[0].result = runtime::SendResult::Success;  // the first failed send decides: note's
  sends[1].result = runtime::SendResult::Fail;
  sends[1].errors = "connection refused after 3 ms";
  streak.add(sends);
  EXPECT_FALSE(streak.reached());
  sends[1].errors = "connection refused after 12 ms";  // a timing is no other way
  streak.add(sends);
  EXPECT_TRUE(streak.reached());
  EXPECT_NE(streak.reason().find("(send note: connection refused after 12 ms)"), std::string::npos) << streak.reason();

  TempDir dir;
  const std::string bad = dir.write("bad.flow", R"(flow "bad"
account files = csv {}
source row = files.new_rows { path = "x.csv" }
settings { stop_after_failures = 1.5 }
)");
  const CommandResult check = run_flowc("check " + bad);
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.err.find("stop_after_failures"), std::string::npos) << check.err;
}

}  // namespace
}  // namespace flowc::testing
