// Rows handled while something was wrong (the service down, and the flow's `if` handled each
// failure) can be run again on purpose: `flowc run --again --row N` or `--again --run RUN_ID`.
// `flowc retry` does not pick them up, since their failures were handled. History says the rows
// ran again, and each is recorded as one more handling.
#include <gtest/gtest.h>

#include <atomic>

#include "tests/runctl/runctl_support.hpp"
#include "tests/support/recording_server.hpp"

namespace flowc::testing {
namespace {

class Again : public ::testing::Test {
 protected:
  Again()
      : server_([this](const ReceivedRequest&, std::size_t) { return down_ ? Reply(503, "{}") : Reply(200, "{}"); }),
        flow_(posting_flow(dir_, "again", server_.url(), 3, "settings { retries = 0 }\n")),
        state_((dir_.path() / "state.db").string()) {}

  CommandResult run(const std::string& arguments) { return run_flowc(arguments + " " + flow_ + " --state " + state_); }

  // The row ids the server received since `from`.
  std::vector<std::string> bodies_since(std::size_t from) const {
    std::vector<std::string> bodies;
    const auto requests = server_.requests();
    for (std::size_t i = from; i < requests.size(); ++i) bodies.push_back(requests[i].body);
    return bodies;
  }

  std::atomic<bool> down_{true};
  TempDir dir_;
  RecordingServer server_;
  std::string flow_;
  std::string state_;
};

TEST_F(Again, RowsHandledWhileTheServiceWasDownRunAgainOnPurpose) {
  const CommandResult down = run("run");
  EXPECT_EQ(down.exit_code, 0) << down.err;  // every failure was handled by the flow's `if`
  const std::string down_run = newest_run_id(state_);
  ASSERT_EQ(server_.requests().size(), 3u);

  // Handled: neither a run nor a retry sends them again.
  EXPECT_NE(run("run").out.find("3 already handled"), std::string::npos);
  EXPECT_NE(run("retry").out.find("0 rows to retry"), std::string::npos);
  ASSERT_EQ(server_.requests().size(), 3u);

  down_ = false;
  const CommandResult one = run("run --again --row 3");  // the sheet's row 3: id 2
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(bodies_since(3), std::vector<std::string>{R"({"id":"2"})"});
  EXPECT_NE(run_flowc("runs --state " + state_).out.find("(again: row 3)"), std::string::npos);

  const CommandResult all = run("run --again --run " + down_run);
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("3 rows of run " + down_run + " to run again"), std::string::npos) << all.out;
  EXPECT_EQ(bodies_since(4).size(), 3u);
  const CommandResult show = run_flowc("show " + newest_run_id(state_) + " --state " + state_);
  EXPECT_NE(show.out.find("(again: rows of run " + down_run + ")"), std::string::npos) << show.out;

  // Still exactly once afterwards: a normal run finds every row handled.
  EXPECT_NE(run("run").out.find("3 already handled"), std::string::npos);
  EXPECT_EQ(server_.requests().size(), 7u);
}

TEST_F(Again, NamesTheRowsItRunsAgain) {
  const CommandResult bare = run("run --again");
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_NE(bare.err.find("--again needs --row N or --run RUN_ID"), std::string::npos) << bare.err;
  const CommandResult unknown = run("run --again --run 20990101T000000-0000");
  EXPECT_EQ(unknown.exit_code, 4);
  EXPECT_NE(unknown.err.find("no run 20990101T000000-0000 of flow \"again\""), std::string::npos) << unknown.err;
  const CommandResult run_alone = run("run --run 20990101T000000-0000");
  EXPECT_EQ(run_alone.exit_code, 2);
  EXPECT_TRUE(server_.requests().empty());
}

}  // namespace
}  // namespace flowc::testing
