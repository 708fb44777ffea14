// Crash safety end to end: `flowc run` is killed with SIGKILL after N requests reached the
// sandbox, for several N, then run again to the end. The sandbox's own log shows no order created
// twice: a create in flight at the kill holds its row, and the rerun sends every other row. The
// person's part follows (`flowc retry --mark-done` for the held rows the sandbox got, `flowc
// retry` for the others), after which every row was sent exactly once.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "tools/sandbox/sandbox.hpp"
#include "runtime/state/state_store.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/state_integrity.hpp"

namespace flowc::testing {
namespace {

constexpr int kRows = 40;

std::string flow_text(const sandbox::Sandbox& box) {
  return fmt::format(R"(flow "crash-test"
account sheets = google_sheets {{ api_key = env.CRASH_SHEETS_KEY  base_url = "{}" }}
account crm    = keepincrm     {{ api_key = env.CRASH_CRM_KEY  base_url = "{}" }}
source row = sheets.new_rows {{ spreadsheet = "s1"  sheet = "Orders"  key = order_id }}
send create = crm.create_order {{
  title = "order {{{{row.order_id}}}}"
  total = row.amount
}}
if create.result == fail then
end
settings {{ concurrency = 4 }}
)",
                     box.base_url("sheets"), box.base_url("keepincrm"));
}

pid_t spawn_run(const std::string& flow, const std::string& state) {
  return spawn_flowc({"run", flow, "--state", state, "--log-format", "json"}, "/dev/null");
}

std::size_t creates_received(const sandbox::Sandbox& box) {
  std::size_t count = 0;
  for (const auto& request : box.requests()) count += request.service == "keepincrm" && request.method == "POST";
  return count;
}

class KillAndRerun : public ::testing::TestWithParam<int> {};

// Create requests the sandbox received, by order title ("order 7" for the row with order_id 7).
std::map<std::string, int> creates_by_title(const sandbox::Sandbox& box) {
  std::map<std::string, int> sent;
  for (const auto& request : box.requests()) {
    if (request.service != "keepincrm" || request.method != "POST") continue;
    const auto start = request.body.find("\"title\":\"");
    if (start == std::string::npos) continue;
    const auto from = start + 9;
    ++sent[request.body.substr(from, request.body.find('"', from) - from)];
  }
  return sent;
}

TEST_P(KillAndRerun, NoOrderTwiceAndHeldRowsSettleByHand) {
  const std::size_t kill_after = static_cast<std::size_t>(GetParam());
  sandbox::SandboxOptions options;
  options.faults.latency_ms = 40;  // keeps several sends in flight when the kill lands
  sandbox::Sandbox box(options);
  box.start();
  std::vector<std::vector<std::string>> sheet{{"order_id", "amount"}};
  for (int i = 1; i <= kRows; ++i) sheet.push_back({std::to_string(i), std::to_string(i * 10)});
  box.set_sheet("", "Orders", sheet);
  setenv("CRASH_SHEETS_KEY", "sandbox-key", 1);
  setenv("CRASH_CRM_KEY", "sandbox-crm", 1);

  TempDir dir;
  const std::string flow = dir.write("crash.flow", flow_text(box));
  const std::string state = (dir.path() / "state.db").string();

  // The first run dies mid-flight.
  const pid_t victim = spawn_run(flow, state);
  ASSERT_GT(victim, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (creates_received(box) < kill_after && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(victim, SIGKILL);
  int status = 0;
  waitpid(victim, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run ended before it could be killed";

  // The next run sends every row but the held ones, and says so with exit code 3.
  const CommandResult rerun = run_flowc(fmt::format("run {} --state {} --log-format json", flow, state));
  std::vector<runtime::state::RowOutcome> held;
  {
    runtime::state::StateStore store(state);
    held = store.held_rows("crash-test");
  }
  // Four rows are always in flight (40 ms each) while the run lives, so the kill catches creates.
  ASSERT_FALSE(held.empty()) << "no create was in flight at the kill";
  EXPECT_EQ(rerun.exit_code, 3) << rerun.err;
  EXPECT_NE(rerun.err.find("held"), std::string::npos) << rerun.err;

  std::map<std::string, int> sent = creates_by_title(box);
  for (const auto& [title, count] : sent) EXPECT_EQ(count, 1) << title << " was created twice";
  std::set<std::string> held_titles;
  for (const auto& outcome : held) held_titles.insert(fmt::format("order {}", outcome.row.row_number - 1));
  for (int i = 1; i <= kRows; ++i) {
    const std::string title = fmt::format("order {}", i);
    EXPECT_TRUE(sent.contains(title) || held_titles.contains(title)) << title << " was neither sent nor held";
  }

  // The person's part: what the service got is marked done, the rest is sent again.
  for (const auto& outcome : held) {
    const bool arrived = sent.contains(fmt::format("order {}", outcome.row.row_number - 1));
    const CommandResult settled = run_flowc(fmt::format("retry {} --state {} --row {}{}", flow, state,
                                                        outcome.row.row_number, arrived ? " --mark-done" : ""));
    EXPECT_EQ(settled.exit_code, 0) << settled.out << settled.err;
  }
  sent = creates_by_title(box);
  EXPECT_EQ(sent.size(), static_cast<std::size_t>(kRows)) << "a row was never sent";
  for (const auto& [title, count] : sent) EXPECT_EQ(count, 1) << title;
  runtime::state::StateStore store(state);
  EXPECT_TRUE(store.held_rows("crash-test").empty());
  EXPECT_TRUE(store.rows_to_retry("crash-test").empty());
  EXPECT_EQ(foreign_key_violations(state), 0);
}

TEST(NewRowsAcrossRuns, OnlyRowsNotHandledBeforeAreSent) {
  sandbox::Sandbox box(sandbox::SandboxOptions{});
  box.start();
  std::vector<std::vector<std::string>> sheet{{"order_id", "amount"}, {"1", "10"}, {"2", "20"}};
  box.set_sheet("", "Orders", sheet);
  setenv("CRASH_SHEETS_KEY", "sandbox-key", 1);
  setenv("CRASH_CRM_KEY", "sandbox-crm", 1);
  TempDir dir;
  const std::string flow = dir.write("rows.flow", flow_text(box));
  const std::string state = (dir.path() / "state.db").string();
  auto run_to_end = [&] {
    int status = 0;
    waitpid(spawn_run(flow, state), &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  };

  run_to_end();
  EXPECT_EQ(creates_received(box), 2u);
  run_to_end();
  EXPECT_EQ(creates_received(box), 2u) << "handled rows were sent again";
  // A row inserted in the middle is new; the others are not, whatever their position.
  sheet.insert(sheet.begin() + 1, {"3", "30"});
  box.set_sheet("", "Orders", sheet);
  run_to_end();
  EXPECT_EQ(creates_received(box), 3u);
  EXPECT_EQ(box.requests().back().body.find("order 3") != std::string::npos, true);
}

TEST(NewRowsAcrossRuns, ARepeatedKeyIsSentOnce) {
  sandbox::Sandbox box(sandbox::SandboxOptions{});
  box.start();
  std::vector<std::vector<std::string>> sheet{{"order_id", "amount"}};
  for (int i = 0; i < 20; ++i) sheet.push_back({"7", "70"});  // one order, listed twenty times
  sheet.push_back({"8", "80"});
  box.set_sheet("", "Orders", sheet);
  setenv("CRASH_SHEETS_KEY", "sandbox-key", 1);
  setenv("CRASH_CRM_KEY", "sandbox-crm", 1);
  TempDir dir;
  const std::string flow = dir.write("rows.flow", flow_text(box));
  int status = 0;
  waitpid(spawn_run(flow, (dir.path() / "state.db").string()), &status, 0);
  // The nineteen repeats are errors of the run (exit code 5), not sends.
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 5);
  EXPECT_EQ(creates_received(box), 2u);
}

INSTANTIATE_TEST_SUITE_P(AfterRequests, KillAndRerun, ::testing::Values(1, 3, 8, 17, 30));

}  // namespace
}  // namespace flowc::testing
