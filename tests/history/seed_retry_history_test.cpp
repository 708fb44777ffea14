// `flowc run --seed`, `flowc retry`, `flowc runs` and `flowc show` end to end, against the
// sandbox's KeepinCRM and a sheet, as a user runs them.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fmt/format.h>

#include "tools/sandbox/sandbox.hpp"
#include "runtime/state/state_store.hpp"
#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

// Every create is sent unexamined, so a rejected one is an unhandled failure for `flowc retry`.
std::string flow_text(const sandbox::Sandbox& box) {
  return fmt::format(R"(flow "history-test"
account sheets = google_sheets {{ api_key = env.HISTORY_SHEETS_KEY  base_url = "{}" }}
account crm    = keepincrm     {{ api_key = env.HISTORY_CRM_KEY  base_url = "{}" }}
source row = sheets.new_rows {{ spreadsheet = "s1"  sheet = "Orders"  key = order_id }}
send crm.create_order {{
  title         = "order {{{{row.order_id}}}}"
  client.phones = [row.phone]
}}
)",
                     box.base_url("sheets"), box.base_url("keepincrm"));
}

class History : public ::testing::Test {
 protected:
  void SetUp() override {
    box_.start();
    set_rows({{"1", "+380501112233"}, {"2", "call me"}, {"3", "+380671112233"}});
    flow_ = dir_.write("history.flow", flow_text(box_));
    state_ = (dir_.path() / "state.db").string();
  }

  void set_rows(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::vector<std::string>> sheet{{"order_id", "phone"}};
    sheet.insert(sheet.end(), rows.begin(), rows.end());
    box_.set_sheet("", "Orders", sheet);
  }

  CommandResult flowc(const std::string& arguments) {
    return run_flowc(arguments + " --state " + state_, "HISTORY_SHEETS_KEY=k HISTORY_CRM_KEY=c");
  }

  std::size_t creates() const {
    std::size_t count = 0;
    for (const auto& request : box_.requests()) count += request.service == "keepincrm" && request.method == "POST";
    return count;
  }

  sandbox::Sandbox box_{sandbox::SandboxOptions{}};
  TempDir dir_;
  std::string flow_;
  std::string state_;
};

TEST_F(History, SeedMarksCurrentRowsWithoutSending) {
  EXPECT_EQ(flowc("run --seed " + flow_).exit_code, 0);
  EXPECT_EQ(creates(), 0u);
  EXPECT_EQ(flowc("run " + flow_).exit_code, 0);
  EXPECT_EQ(creates(), 0u);
  set_rows({{"1", "+380501112233"}, {"2", "call me"}, {"3", "+380671112233"}, {"4", "+380931112233"}});
  EXPECT_EQ(flowc("run " + flow_).exit_code, 0);
  EXPECT_EQ(creates(), 1u);
}

TEST_F(History, RetryRedoesOnlyUnhandledFailures) {
  const CommandResult first = flowc("run " + flow_);
  EXPECT_EQ(first.exit_code, 3) << first.out << first.err;  // row 2's phone is refused, and no `if` looks
  EXPECT_EQ(creates(), 3u);

  // Retrying unchanged data fails again; after the sheet is fixed, only that row goes again.
  EXPECT_EQ(flowc("retry " + flow_).exit_code, 3);
  EXPECT_EQ(creates(), 4u);
  set_rows({{"1", "+380501112233"}, {"2", "+380991112233"}, {"3", "+380671112233"}});
  EXPECT_EQ(flowc("retry " + flow_).exit_code, 0);
  EXPECT_EQ(creates(), 5u);
  EXPECT_NE(box_.requests().back().body.find("order 2"), std::string::npos);
  const CommandResult nothing_left = flowc("retry " + flow_);
  EXPECT_EQ(nothing_left.exit_code, 0);
  EXPECT_NE(nothing_left.out.find("0 rows to retry"), std::string::npos) << nothing_left.out;
  EXPECT_EQ(creates(), 5u);
}

// A run that died after row 1's create was answered but before the row's record: the create's
// outcome was stored with its note. The next run holds the row (its order exists) and says that no
// send was in flight, only the record missing.
TEST_F(History, ARowWhoseCreateRanBeforeTheRunDiedIsHeldNotSentAgain) {
  {
    runtime::state::StateStore store(state_);
    runtime::state::RunLock lock = store.run_lock("history-test");
    lock.lock();
    runtime::state::RunStart start;
    start.flow = "history-test";
    const runtime::state::RunRecord dead = store.begin_run(lock, start);
    runtime::state::RowRecord row;
    row.identity = "k:1";
    row.row_number = 2;
    const runtime::state::SendRecord created{"send_1", runtime::state::SendResult::success, 201, "", "77", false};
    store.note_sends_started(dead, std::vector<runtime::state::SendNote>{{row, "send_1", 0, false, created}});
  }  // the process is gone; its run is still `running`

  const CommandResult rerun = flowc("run " + flow_);
  EXPECT_EQ(rerun.exit_code, 3) << rerun.err;
  EXPECT_NE(rerun.err.find("1 row is held"), std::string::npos) << rerun.err;
  EXPECT_NE(rerun.err.find("row 2: the run ended after `send_1` ran, before the row was recorded (run"),
            std::string::npos)
      << rerun.err;
  EXPECT_EQ(creates(), 2u) << "order 1 exists and must not be created again";
}

TEST_F(History, RunsAndShowListWhatHappenedFailuresFirst) {
  flowc("run " + flow_);
  const CommandResult runs = flowc("runs --format json");
  ASSERT_EQ(runs.exit_code, 0) << runs.err;
  rapidjson::Document list;
  ASSERT_FALSE(list.Parse(runs.out.c_str()).HasParseError()) << runs.out;
  ASSERT_EQ(list.Size(), 1u);
  EXPECT_EQ(std::string(list[0]["outcome"].GetString()), "completed");
  EXPECT_EQ(list[0]["counts"]["rows_read"].GetInt(), 3);
  EXPECT_EQ(list[0]["counts"]["unhandled"].GetInt(), 1);

  const std::string run_id = list[0]["id"].GetString();
  const CommandResult show = flowc("show " + run_id);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const auto failure = show.out.find("row      3");
  const auto success = show.out.find("row      2");
  ASSERT_NE(failure, std::string::npos) << show.out;
  ASSERT_NE(success, std::string::npos) << show.out;
  EXPECT_LT(failure, success) << "failures come first:\n" << show.out;
  EXPECT_NE(show.out.find("client.phones is invalid"), std::string::npos) << show.out;
  EXPECT_EQ(flowc("show no-such-run").exit_code, 2);
}

}  // namespace
}  // namespace flowc::testing
