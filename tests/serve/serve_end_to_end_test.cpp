// `flowc serve` end to end: two flows against the sandbox, one `every 1s` and one `after` it.
// SIGTERM lands while a run is sending; serve must let its rows finish, commit and exit 0, and the
// history must show runs that match the schedule: one at a time, `after` runs behind their flow.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "tools/sandbox/sandbox.hpp"
#include "runtime/state/state_store.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

using runtime::state::RunRecord;

constexpr const char* kOrders = "serve-orders";
constexpr const char* kNotify = "serve-notify";

std::string accounts(const sandbox::Sandbox& box) {
  return fmt::format(R"(account sheets = google_sheets {{ api_key = env.SERVE_SHEETS_KEY  base_url = "{}" }}
account crm    = keepincrm     {{ api_key = env.SERVE_CRM_KEY  base_url = "{}" }}
account bot    = telegram      {{ bot_token = env.SERVE_BOT_TOKEN  base_url = "{}" }}
source row = sheets.new_rows {{ spreadsheet = "s1"  sheet = "Orders"  key = order_id }}
)",
                     box.base_url("sheets"), box.base_url("keepincrm"), box.base_url("telegram"));
}

std::string orders_flow(const sandbox::Sandbox& box) {
  return fmt::format("flow \"{}\"\n{}", kOrders, accounts(box)) + R"(send create = crm.create_order {
  title = "order {{row.order_id}}"
  total = row.amount
}
if create.result == fail then
end
settings { concurrency = 2 }
schedule every 1s
)";
}

std::string notify_flow(const sandbox::Sandbox& box) {
  return fmt::format("flow \"{}\"\n{}", kNotify, accounts(box)) + fmt::format(R"(send note = bot.send_message {{
  chat_id = "42"
  text    = "order {{{{row.order_id}}}} synced"
}}
if note.result == fail then
end
schedule after "{}"
)",
                                                                              kOrders);
}

std::vector<std::vector<std::string>> sheet_rows(int count) {
  std::vector<std::vector<std::string>> rows{{"order_id", "amount"}};
  for (int i = 1; i <= count; ++i) rows.push_back({std::to_string(i), std::to_string(i * 10)});
  return rows;
}

pid_t spawn_serve(const std::string& folder, const std::string& state, const std::string& log,
                  const std::string& stop_timeout = "20") {
  return spawn_flowc({"serve", folder, "--state", state, "--log-format", "json", "--stop-timeout", stop_timeout}, log);
}

// A sandbox that answers every request after `latency_ms`, its sheet holding `rows` orders; the
// flows' secrets set; a folder for flow files, the state database and serve's log.
struct ServeScene {
  ServeScene(int latency_ms, int rows) : box(with_latency(latency_ms)) {
    box.start();
    box.set_sheet("", "Orders", sheet_rows(rows));
    setenv("SERVE_SHEETS_KEY", "sandbox-key", 1);
    setenv("SERVE_CRM_KEY", "sandbox-crm", 1);
    setenv("SERVE_BOT_TOKEN", "123:sandbox", 1);
  }
  static sandbox::SandboxOptions with_latency(int latency_ms) {
    sandbox::SandboxOptions options;
    options.faults.latency_ms = latency_ms;
    return options;
  }
  sandbox::Sandbox box;
  TempDir dir;
  const std::string state = (dir.path() / "state.db").string();
  const std::string log = (dir.path() / "serve.log").string();
};

// Runs of `flow`, oldest first.
std::vector<RunRecord> runs_of(const std::string& state, const std::string& flow) {
  runtime::state::StateStore store(state);
  std::vector<RunRecord> runs = store.list_runs(flow, 1000);
  std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.started_at < b.started_at; });
  return runs;
}

std::size_t creates_received(const sandbox::Sandbox& box) {
  std::size_t count = 0;
  for (const auto& request : box.requests()) count += request.service == "keepincrm" && request.method == "POST";
  return count;
}

// Runs of `flow` that serve logged as ended; the state file is read only once serve has exited.
std::size_t ended_in_log(const std::string& log, const std::string& flow) {
  return count_of(read_file(log), fmt::format(R"("event":"end","flow":"{}")", flow));
}

TEST(Serve, TwoFlowsOnTheirSchedulesStopCleanlyOnSigterm) {
  ServeScene scene(30, 4);  // a run of many rows lasts long enough to be stopped mid-way
  sandbox::Sandbox& box = scene.box;
  const TempDir& dir = scene.dir;
  std::filesystem::create_directories(dir.path() / "flows");
  dir.write("flows/orders.flow", orders_flow(box));
  dir.write("flows/notify.flow", notify_flow(box));
  const std::string& state = scene.state;
  const std::string& log = scene.log;

  const pid_t serve = spawn_serve((dir.path() / "flows").string(), state, log);
  ASSERT_GT(serve, 0);
  const ChildGuard guard(serve);
  ASSERT_TRUE(wait_until([&] { return ended_in_log(log, kOrders) >= 2 && ended_in_log(log, kNotify) >= 1; }))
      << read_file(log);

  // Many new rows: the next tick's run sends them two at a time, and SIGTERM lands mid-way.
  constexpr int kRows = 80;
  box.set_sheet("", "Orders", sheet_rows(kRows));
  ASSERT_TRUE(wait_until([&] { return creates_received(box) >= 10; })) << read_file(log);
  kill(serve, SIGTERM);
  int status = 0;
  ASSERT_TRUE(wait_until([&] { return waitpid(serve, &status, WNOHANG) == serve; }));
  ASSERT_TRUE(WIFEXITED(status)) << "serve died of a signal";
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(log);
  EXPECT_LT(creates_received(box), static_cast<std::size_t>(kRows)) << "the stop came too late to test anything";

  // History: every run ended (none left running), one run of a flow at a time, on its trigger.
  const std::vector<RunRecord> orders = runs_of(state, kOrders);
  const std::vector<RunRecord> notes = runs_of(state, kNotify);
  ASSERT_GE(orders.size(), 3u);
  for (std::size_t i = 0; i < orders.size(); ++i) {
    EXPECT_EQ(orders[i].trigger, "schedule");
    // The run SIGTERM stopped mid-way (the last) is recorded as stopped, as the log says; not completed.
    const auto expected = i + 1 == orders.size() ? runtime::state::RunOutcome::stopped : runtime::state::RunOutcome::completed;
    EXPECT_EQ(orders[i].outcome, expected) << orders[i].id << " " << orders[i].error;
    ASSERT_TRUE(orders[i].ended_at);
    if (i == 0) continue;
    EXPECT_GE(orders[i].started_at, *orders[i - 1].ended_at) << "two runs of one flow overlapped";
    // `every 1s` ticks on whole seconds: never two runs in one tick.
    EXPECT_NE(orders[i].started_at.substr(0, 19), orders[i - 1].started_at.substr(0, 19));
  }
  ASSERT_GE(notes.size(), 1u);
  EXPECT_LE(notes.size(), orders.size());
  for (const RunRecord& note : notes) {
    EXPECT_EQ(note.trigger, std::string("after ") + kOrders);
    EXPECT_EQ(note.outcome, runtime::state::RunOutcome::completed);
    const bool behind_a_run = std::any_of(orders.begin(), orders.end(), [&](const RunRecord& run) {
      return run.ended_at && *run.ended_at <= note.started_at;
    });
    EXPECT_TRUE(behind_a_run) << "an `after` run started before any run of its flow ended";
  }

  // The log has one start and one end line per recorded run, and says it stopped.
  const std::string lines = read_file(log);
  EXPECT_EQ(count_of(lines, fmt::format(R"("event":"end","flow":"{}")", kOrders)), orders.size()) << lines;
  EXPECT_EQ(count_of(lines, fmt::format(R"("event":"end","flow":"{}")", kNotify)), notes.size()) << lines;
  EXPECT_EQ(count_of(lines, fmt::format(R"("event":"start","flow":"{}")", kOrders)), orders.size()) << lines;
  EXPECT_NE(lines.find(R"("event":"stop")"), std::string::npos) << lines;
  EXPECT_NE(lines.find(fmt::format(R"("run":"{}","outcome":"stopped")", orders.back().id)), std::string::npos) << lines;
  const CommandResult listed = run_flowc(fmt::format("runs \"{}\" --limit 1 --state {}", kOrders, state));
  EXPECT_NE(listed.out.find(orders.back().id + "  stopped"), std::string::npos) << listed.out;

  // State is consistent: a forced run picks up exactly the rows the stopped run did not reach.
  const CommandResult rerun = run_flowc("run " + (dir.path() / "flows" / "orders.flow").string() + " --state " + state);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  std::map<std::string, int> sent;
  for (const auto& request : box.requests()) {
    if (request.service == "keepincrm" && request.method == "POST") ++sent[request.body];
  }
  EXPECT_EQ(sent.size(), static_cast<std::size_t>(kRows)) << "a row was never sent";
  for (const auto& [body, count] : sent) EXPECT_EQ(count, 1) << "sent twice: " << body;
}

TEST(Serve, AForcedRunWhileServingIsKeptApartByTheLock) {
  // A forced run holds the flow's lock when serve starts; serve's tick that finds it busy is logged
  // as skipped, not queued, and no row is sent twice.
  ServeScene scene(100, 40);  // 40 rows two at a time: the forced run lasts about 2 s
  sandbox::Sandbox& box = scene.box;
  const TempDir& dir = scene.dir;
  const std::string flow = dir.write("orders.flow", orders_flow(box));
  const std::string& state = scene.state;
  const std::string& log = scene.log;

  CommandResult forced;
  std::thread forced_run([&] { forced = run_flowc("run " + flow + " --state " + state); });
  const bool forced_is_sending = wait_until([&] { return creates_received(box) >= 2; });
  const pid_t serve = forced_is_sending ? spawn_serve(flow, state, log) : -1;
  const ChildGuard guard(serve);
  const bool skipped =
      serve > 0 && wait_until([&] { return read_file(log).find(R"("event":"skip")") != std::string::npos; });
  forced_run.join();
  ASSERT_TRUE(forced_is_sending);
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  ASSERT_TRUE(skipped) << read_file(log);
  EXPECT_NE(read_file(log).find("another run of the flow holds its lock (pid "), std::string::npos) << read_file(log);
  EXPECT_EQ(read_file(log).find(R"("outcome":"failed")"), std::string::npos) << read_file(log);
  ASSERT_TRUE(wait_until([&] { return ended_in_log(log, kOrders) >= 1; })) << read_file(log);
  kill(serve, SIGTERM);
  int status = 0;
  ASSERT_TRUE(wait_until([&] { return waitpid(serve, &status, WNOHANG) == serve; }));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(log);

  std::map<std::string, int> sent;
  for (const auto& request : box.requests()) {
    if (request.service == "keepincrm" && request.method == "POST") ++sent[request.body];
  }
  EXPECT_EQ(sent.size(), 40u);
  for (const auto& [body, count] : sent) EXPECT_EQ(count, 1) << "sent twice: " << body;
  const std::vector<RunRecord> runs = runs_of(state, kOrders);
  EXPECT_TRUE(std::any_of(runs.begin(), runs.end(), [](const RunRecord& run) { return run.trigger == "manual"; }));
}

// A variable that is not set (misspelt in the flow, or missing from serve's environment) stops
// each run before its first row, as it stops `flowc run`: the log names it, no row is sent or
// marked handled, so once it is set the next run sends them all.
TEST(Serve, AnUnsetVariableStopsEachRunBeforeItsFirstRow) {
  ServeScene scene(0, 3);
  sandbox::Sandbox& box = scene.box;
  unsetenv("SERVE_CRM_KEY_MISSPELT");
  std::string flow_text = orders_flow(box);
  flow_text.replace(flow_text.find("env.SERVE_CRM_KEY"), std::string("env.SERVE_CRM_KEY").size(),
                    "env.SERVE_CRM_KEY_MISSPELT");
  const std::string flow = scene.dir.write("orders.flow", flow_text);
  const pid_t serve = spawn_serve(flow, scene.state, scene.log);
  ASSERT_GT(serve, 0);
  const ChildGuard guard(serve);
  ASSERT_TRUE(wait_until([&] { return ended_in_log(scene.log, kOrders) >= 2; })) << read_file(scene.log);
  kill(serve, SIGTERM);
  int status = 0;
  ASSERT_TRUE(wait_until([&] { return waitpid(serve, &status, WNOHANG) == serve; }));
  const std::string log = read_file(scene.log);
  EXPECT_NE(log.find(R"("outcome":"failed")"), std::string::npos) << log;
  EXPECT_NE(log.find("SERVE_CRM_KEY_MISSPELT"), std::string::npos) << log;
  EXPECT_EQ(log.find(R"("outcome":"completed")"), std::string::npos) << log;
  EXPECT_TRUE(box.requests().empty()) << "the run read or sent rows";
  EXPECT_TRUE(runs_of(scene.state, kOrders).empty());
}

TEST(Serve, RunsThatOutlastTheStopDeadlineAreAbandonedAndFoundInterruptedLater) {
  ServeScene scene(3000, 2);  // every request outlasts the stop deadline below
  sandbox::Sandbox& box = scene.box;
  const TempDir& dir = scene.dir;
  const std::string flow = dir.write("orders.flow", orders_flow(box));
  const std::string& state = scene.state;
  const std::string& log = scene.log;

  const pid_t serve = spawn_serve(flow, state, log, "0.2");
  ASSERT_GT(serve, 0);
  const ChildGuard guard(serve);
  // The sheet has been read (the sandbox logs a request once answered): the creates are in flight.
  ASSERT_TRUE(wait_until([&] { return !box.requests().empty(); })) << read_file(log);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(serve, SIGTERM);
  int status = 0;
  ASSERT_TRUE(wait_until([&] { return waitpid(serve, &status, WNOHANG) == serve; }, std::chrono::seconds(2)))
      << "serve waited past its stop deadline";
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 4) << read_file(log);
  EXPECT_NE(read_file(log).find("still running at the stop deadline"), std::string::npos) << read_file(log);

  // The next run closes the abandoned one as interrupted. Its creates were in flight and may have
  // arrived, so their rows are held, not sent again: the run says so and exits 3.
  const CommandResult rerun = run_flowc("run " + flow + " --state " + state);
  EXPECT_EQ(rerun.exit_code, 3) << rerun.err;
  EXPECT_NE(rerun.err.find("2 rows are held"), std::string::npos) << rerun.err;
  EXPECT_NE(rerun.err.find("the run ended while `create` was in flight (run"), std::string::npos) << rerun.err;
  std::vector<RunRecord> runs = runs_of(state, kOrders);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].trigger, "schedule");
  EXPECT_EQ(runs[0].outcome, runtime::state::RunOutcome::interrupted);
  EXPECT_EQ(runs[0].counts.uncertain, 2);
  EXPECT_EQ(runs[1].outcome, runtime::state::RunOutcome::completed);
  EXPECT_EQ(runs[1].counts.done, 0);

  // Serve says so too, on every run, until a person settles them.
  const std::string second_log = (dir.path() / "serve2.log").string();
  const pid_t again = spawn_serve(flow, state, second_log);
  ASSERT_GT(again, 0);
  const ChildGuard second_guard(again);
  EXPECT_TRUE(wait_until([&] { return read_file(second_log).find(R"("held":2)") != std::string::npos; }))
      << read_file(second_log);
  kill(again, SIGTERM);
  ASSERT_TRUE(wait_until([&] { return waitpid(again, &status, WNOHANG) == again; }));

  // The sandbox did create both orders (it answers late, but acts): the person sees them there and
  // marks the rows done.
  ASSERT_TRUE(wait_until([&] { return creates_received(box) == 2; }, std::chrono::seconds(5)));
  const CommandResult settle = run_flowc("retry " + flow + " --state " + state + " --mark-done");
  EXPECT_EQ(settle.exit_code, 0) << settle.err;
  EXPECT_NE(settle.out.find("2 of 2 listed rows marked done"), std::string::npos) << settle.out;
  EXPECT_EQ(run_flowc("run " + flow + " --state " + state).exit_code, 0);
  runs = runs_of(state, kOrders);
  EXPECT_TRUE(std::any_of(runs.begin(), runs.end(), [](const RunRecord& run) { return run.trigger == "mark-done"; }));
  EXPECT_EQ(creates_received(box), 2u) << "a held row was sent again";
}

}  // namespace
}  // namespace flowc::testing
