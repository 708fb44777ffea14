// The history of the reference scenario, and the state store's refusals: a corrupt or foreign
// state file, and a second run of a flow while the first holds its lock.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sqlite3.h>

#include "runtime/state/state_store.hpp"
#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

const std::string kSeedFlow = std::string(FLOWC_SOURCE_DIR) + "/samples/keepincrm_update_or_create.flow";

std::string latest_run_id(const std::string& state) {
  const CommandResult runs = run_flowc("runs --format json --state " + state);
  rapidjson::Document list;
  list.Parse(runs.out.c_str());
  return list.IsArray() && !list.Empty() ? list[0]["id"].GetString() : "";
}

TEST(SeedScenarioHistory, ShowListsEachRowsUpdateCreateAndAlert) {
  TempDir dir;
  const std::string state = (dir.path() / "state.db").string();
  const CommandResult run = run_flowc("run --sandbox --state " + state + " " + kSeedFlow);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;

  const CommandResult show = run_flowc("show " + latest_run_id(state) + " --state " + state);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  // Failures first: row 6 (update 404, create 422, alert sent), then row 5 (update 404, create).
  const auto row6 = show.out.find("row      6  update fail (404)");
  const auto row5 = show.out.find("row      5  update fail (404)");
  const auto row2 = show.out.find("row      2  update success (200) id=1001");
  ASSERT_NE(row6, std::string::npos) << show.out;
  ASSERT_NE(row5, std::string::npos) << show.out;
  ASSERT_NE(row2, std::string::npos) << show.out;
  EXPECT_LT(row6, row2);
  EXPECT_NE(show.out.find("create fail (422): Validation failed: client.phones is invalid", row6), std::string::npos)
      << show.out;
  EXPECT_NE(show.out.find("send_2 success (200)", row6), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("create success (201)", row5), std::string::npos) << show.out;

  // The same flow again: every row is handled already; nothing is sent.
  const CommandResult again = run_flowc("run --sandbox --state " + state + " " + kSeedFlow);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("4 already handled"), std::string::npos) << again.out;
  EXPECT_EQ(again.out.find("keepincrm:"), std::string::npos) << again.out;
}

TEST(StateFile, CorruptFileIsAClearErrorAndNothingIsSent) {
  TempDir dir;
  const std::string state = dir.write("state.db", std::string(4096, '\x42'));
  const CommandResult run = run_flowc("run --sandbox --state " + state + " " + kSeedFlow);
  EXPECT_EQ(run.exit_code, 4) << run.out;
  EXPECT_NE(run.err.find(state), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("PATCH"), std::string::npos) << "rows were sent without a usable state:\n" << run.out;
}

TEST(StateFile, ForeignDatabaseIsRefused) {
  TempDir dir;
  const std::string state = (dir.path() / "other.db").string();
  // A SQLite database of some other program.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(state.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "create table notes(x); pragma user_version = 7;", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const CommandResult run = run_flowc("run --sandbox --state " + state + " " + kSeedFlow);
  EXPECT_EQ(run.exit_code, 4) << run.out;
  EXPECT_NE(run.err.find(state), std::string::npos) << run.err;
}

TEST(RunLock, SecondRunOfAFlowIsRefusedWithWhoHoldsIt) {
  TempDir dir;
  const std::string state = (dir.path() / "state.db").string();
  runtime::state::StateStore store(state);
  runtime::state::RunLock lock = store.run_lock("orders: update in KeepinCRM, else create, else alert");
  ASSERT_TRUE(lock.try_lock());
  const CommandResult run = run_flowc("run --sandbox --no-wait --state " + state + " " + kSeedFlow);
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("is already running (pid " + std::to_string(getpid())), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("PATCH"), std::string::npos);
}

}  // namespace
}  // namespace flowc::testing
