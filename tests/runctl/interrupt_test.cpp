// Ctrl-C (SIGINT) during `flowc run`: no more rows are read, the row in flight finishes and is
// recorded, the run is recorded `stopped`, the summary is printed and the exit code is 130. A
// second Ctrl-C, or rows still in flight when --stop-timeout runs out, stop at once; the sandbox's
// temporary files go either way.
#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "tests/runctl/runctl_support.hpp"
#include "tests/support/recording_server.hpp"

namespace flowc::testing {
namespace {

using namespace std::chrono_literals;

// Answers the first request after `first_delay_ms`, the others at once.
RecordingServer::Responder slow_first(int first_delay_ms) {
  return [first_delay_ms](const ReceivedRequest&, std::size_t count) {
    Reply reply(200, R"({"id": 1})");
    if (count == 0) reply.delay_ms = first_delay_ms;
    return reply;
  };
}

struct Spawned {
  pid_t pid;
  std::string out;
  std::string err;
  std::string flow;
  std::string state;
};

Spawned spawn_run(const TempDir& dir, std::vector<std::string> arguments) {
  const std::string out = (dir.path() / "run.out").string();
  const std::string err = (dir.path() / "run.err").string();
  arguments.insert(arguments.begin(), "run");
  return {spawn_flowc(arguments, out, err), out, err, {}, {}};
}

// `flowc run` of a posting flow of `rows` rows, one at a time, started; -1 as its pid when it
// could not start or no request reached `server`.
Spawned run_until_first_request(const TempDir& dir, const RecordingServer& server, int rows,
                                 const std::vector<std::string>& more_arguments = {}) {
  const std::string flow = posting_flow(dir, "interrupt", server.url(), rows, "settings { concurrency = 1 }\n");
  const std::string state = (dir.path() / "state.db").string();
  std::vector<std::string> arguments{flow, "--state", state};
  arguments.insert(arguments.end(), more_arguments.begin(), more_arguments.end());
  Spawned run = spawn_run(dir, arguments);
  run.flow = flow;
  run.state = state;
  if (run.pid > 0 && !wait_until([&] { return !server.requests().empty(); })) {
    kill(run.pid, SIGKILL);
    waitpid(run.pid, nullptr, 0);
    run.pid = -1;
  }
  return run;
}

TEST(RunInterrupt, CtrlCFinishesTheRowInFlightRecordsTheRunStoppedAndPrintsTheSummary) {
  RecordingServer server(slow_first(1500));
  TempDir dir;
  const Spawned run = run_until_first_request(dir, server, 5);
  ASSERT_GT(run.pid, 0);
  const ChildGuard guard(run.pid);
  const std::string& state = run.state;
  kill(run.pid, SIGINT);

  const std::optional<int> status = wait_for_exit(run.pid, 20s);
  ASSERT_TRUE(status) << "flowc did not stop";
  ASSERT_TRUE(WIFEXITED(*status)) << "flowc died of the signal";
  EXPECT_EQ(WEXITSTATUS(*status), 130) << read_file(run.err);
  const std::string out = read_file(run.out);
  EXPECT_NE(out.find("1 rows read, 0 already handled, 0 filtered out, 1 done"), std::string::npos) << out;
  EXPECT_NE(out.find("stopped: asked to stop"), std::string::npos) << out;
  EXPECT_NE(read_file(run.err).find("Ctrl-C: stopping"), std::string::npos) << read_file(run.err);
  EXPECT_EQ(server.requests().size(), 1u) << "a row was read after Ctrl-C";

  const CommandResult runs = run_flowc("runs --state " + state);
  EXPECT_NE(runs.out.find(" stopped "), std::string::npos) << runs.out;
  const CommandResult show = run_flowc("show " + newest_run_id(state) + " --state " + state);
  EXPECT_NE(show.out.find("post success (200)"), std::string::npos) << show.out;
  EXPECT_EQ(show.out.find("[held]"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("asked to stop"), std::string::npos) << show.out;

  // The row that was in flight is done; the four not read are still new.
  const CommandResult next = run_flowc("run " + run.flow + " --state " + state);
  EXPECT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(next.err.find("held"), std::string::npos) << next.err;
  EXPECT_NE(next.out.find("5 rows read, 1 already handled, 0 filtered out, 4 done"), std::string::npos) << next.out;
  EXPECT_EQ(server.requests().size(), 5u);
}

TEST(RunInterrupt, ASecondCtrlCStopsAtOnceAndHoldsTheRowInFlight) {
  RecordingServer server(slow_first(4000));
  TempDir dir;
  const Spawned run = run_until_first_request(dir, server, 3);
  ASSERT_GT(run.pid, 0);
  const ChildGuard guard(run.pid);
  kill(run.pid, SIGINT);
  ASSERT_TRUE(wait_until([&] { return read_file(run.err).find("stopping") != std::string::npos; }));
  const auto second = std::chrono::steady_clock::now();
  kill(run.pid, SIGINT);

  const std::optional<int> status = wait_for_exit(run.pid, 3s);
  ASSERT_TRUE(status) << "the second Ctrl-C did not stop flowc at once";
  EXPECT_LT(std::chrono::steady_clock::now() - second, 2s);
  ASSERT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 130);
  EXPECT_NE(read_file(run.err).find("asked again: stopped at once"), std::string::npos) << read_file(run.err);

  // As after a crash: the POST that was in flight may have arrived, so its row is held.
  const CommandResult next = run_flowc("run " + run.flow + " --state " + run.state);
  EXPECT_EQ(next.exit_code, 3) << next.err;
  EXPECT_NE(next.err.find("1 row is held"), std::string::npos) << next.err;
}

TEST(RunInterrupt, RowsStillInFlightAfterTheStopTimeoutEndTheRunAtOnce) {
  RecordingServer server(slow_first(4000));
  TempDir dir;
  const Spawned run = run_until_first_request(dir, server, 3, {"--stop-timeout", "1"});
  ASSERT_GT(run.pid, 0);
  const ChildGuard guard(run.pid);
  kill(run.pid, SIGTERM);
  const std::optional<int> status = wait_for_exit(run.pid, 3s);
  ASSERT_TRUE(status) << "flowc waited past its stop timeout";
  ASSERT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 143);
  EXPECT_NE(read_file(run.err).find("rows still in flight after 1s"), std::string::npos) << read_file(run.err);
}

// The sandbox's temporary files of process `pid` (base/temp_folder.hpp names them): its state
// folder (flowc-sandbox-PID-N) and copies of csv folders (flowc-sandbox-files-PID-N).
std::vector<std::filesystem::path> sandbox_files_of(pid_t pid) {
  std::vector<std::filesystem::path> found;
  const std::string state = "flowc-sandbox-" + std::to_string(pid) + "-";
  const std::string copies = "flowc-sandbox-files-" + std::to_string(pid) + "-";
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(state) || name.starts_with(copies)) found.push_back(entry.path());
  }
  return found;
}

bool has_sandbox_state(pid_t pid) {
  for (const std::filesystem::path& folder : sandbox_files_of(pid))
    if (std::filesystem::exists(folder / "state.db")) return true;
  return false;
}

// Each way of stopping a sandbox run (Ctrl-C once: the run finishes its rows; twice: at once)
// leaves none of its temporary files behind: its state folder, nor copies of csv folders.
class SandboxInterrupt : public ::testing::TestWithParam<int> {};

TEST_P(SandboxInterrupt, LeavesNoTemporaryFiles) {
  TempDir dir;
  const std::string sample = std::string(FLOWC_SOURCE_DIR) + "/samples/csv_telegram_digest.flow";
  // Ctrl-C comes once a request is out (-v prints it); each takes 3 s, so the second Ctrl-C lands
  // while rows are still in flight even on a busy machine, not after the run ended on its own.
  const Spawned run = spawn_run(dir, {"--sandbox", "-v", sample, "--latency", "3000", "--stop-timeout", "10"});
  ASSERT_GT(run.pid, 0);
  const ChildGuard guard(run.pid);
  ASSERT_TRUE(wait_until([&] { return has_sandbox_state(run.pid); })) << "no sandbox state: " << read_file(run.err);
  ASSERT_TRUE(wait_until([&] { return read_file(run.out).find("→ row") != std::string::npos; }))
      << "no request went out: " << read_file(run.out) << read_file(run.err);
  for (int i = 0; i < GetParam(); ++i) {
    kill(run.pid, SIGINT);
    if (i + 1 < GetParam()) {
      ASSERT_TRUE(wait_until([&] { return read_file(run.err).find("stopping") != std::string::npos; }))
          << "no `stopping`: " << read_file(run.err);
    }
  }
  const std::optional<int> status = wait_for_exit(run.pid, 20s);
  ASSERT_TRUE(status) << "flowc did not stop: " << read_file(run.err);
  ASSERT_TRUE(WIFEXITED(*status)) << "flowc died of a signal: " << read_file(run.err);
  EXPECT_EQ(WEXITSTATUS(*status), 130) << read_file(run.err);
  EXPECT_EQ(sandbox_files_of(run.pid), std::vector<std::filesystem::path>{});
}

INSTANTIATE_TEST_SUITE_P(CtrlCOnceOrTwice, SandboxInterrupt, ::testing::Values(1, 2));

}  // namespace
}  // namespace flowc::testing
