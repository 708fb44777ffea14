// Crash safety end to end: `flowc run` is killed with SIGKILL after N requests reached the
// sandbox, for several N, then run again to the end. The sandbox's own log shows every row sent,
// and none sent twice except the sends the state store reports as `uncertain`.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <fcntl.h>
#include <sys/wait.h>

#include <chrono>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "runtime/sandbox/sandbox.hpp"
#include "runtime/state/state_store.hpp"
#include "tests/support/flow_fixture.hpp"

extern char** environ;

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
  std::vector<std::string> args{FLOWC_BINARY, "run", flow, "--state", state, "--log-format", "json"};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  posix_spawn(&pid, FLOWC_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

std::size_t creates_received(const sandbox::Sandbox& box) {
  std::size_t count = 0;
  for (const auto& request : box.requests()) count += request.service == "keepincrm" && request.method == "POST";
  return count;
}

class KillAndRerun : public ::testing::TestWithParam<int> {};

TEST_P(KillAndRerun, EveryRowOnceExceptUncertainSends) {
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

  // The next run finishes the job.
  const pid_t rerun = spawn_run(flow, state);
  waitpid(rerun, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);

  std::map<std::string, int> sent;
  for (const auto& request : box.requests()) {
    if (request.service == "keepincrm" && request.method == "POST") ++sent[request.body];
  }
  EXPECT_EQ(sent.size(), static_cast<std::size_t>(kRows)) << "a row was never sent";
  int repeated = 0;
  for (const auto& [body, count] : sent) {
    EXPECT_LE(count, 2) << body;
    repeated += count - 1;
  }
  runtime::state::StateStore store(state);
  std::int64_t uncertain = 0;
  for (const auto& run : store.list_runs(std::string("crash-test"), 10)) uncertain += run.counts.uncertain;
  EXPECT_LE(repeated, uncertain) << "a row was sent twice without being reported uncertain";
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
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(creates_received(box), 2u);
}

INSTANTIATE_TEST_SUITE_P(AfterRequests, KillAndRerun, ::testing::Values(1, 3, 8, 17, 30));

}  // namespace
}  // namespace flowc::testing
