// Two rows with one key, and keys of several columns: a repeated key is reported in the run and
// in its history, never taken for a row handled before.
#include <rapidjson/document.h>

#include "runtime/state/state_store.hpp"
#include "tests/rows/rows_fixture.hpp"

namespace flowc::testing {
namespace {

constexpr int kExitRowErrors = 5;

class DuplicateKeys : public RowsRun {
 protected:
  // The id of the newest run in the state database.
  std::string last_run_id() {
    const CommandResult runs = run_flowc("runs --format json --state " + state_path());
    rapidjson::Document list;
    list.Parse(runs.out.c_str());
    if (!list.IsArray() || list.Empty()) {
      ADD_FAILURE() << "no runs: " << runs.out << runs.err;
      return "";
    }
    return list[0]["id"].GetString();
  }

  bool handled(const std::string& identity) const {
    runtime::state::StateStore store(state_path());
    return store.is_handled("rows-test", identity);
  }
};

TEST_F(DuplicateKeys, ARepeatedKeyIsAnErrorOfTheRunNotARowHandledBefore) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n1,table\n2,lamp\n");
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, kExitRowErrors) << run.out << run.err;
  EXPECT_NE(run.out.find("row 3: error: row 3 has the same key as row 2 (id = \"1\"), so it is not sent"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("`key = [order_id, sku]`"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("0 already handled, 0 filtered out, 2 done, 1 with errors"), std::string::npos) << run.out;
  EXPECT_EQ(copied(), "id,name\n1,chair\n2,lamp\n");

  // The next run says the same, and sends nothing again.
  const CommandResult again = flowc("run");
  EXPECT_EQ(again.exit_code, kExitRowErrors) << again.out << again.err;
  EXPECT_NE(again.out.find("row 3 has the same key as row 2"), std::string::npos) << again.out;
  EXPECT_EQ(copied(), "id,name\n1,chair\n2,lamp\n");
}

TEST_F(DuplicateKeys, TheRowOptionStillSeesTheRepeat) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n1,table\n");
  const CommandResult run = flowc("run", "--row 3");
  EXPECT_EQ(run.exit_code, kExitRowErrors) << run.out << run.err;
  EXPECT_NE(run.out.find("row 3 has the same key as row 2"), std::string::npos) << run.out;
  EXPECT_EQ(copied(), "");
}

TEST_F(DuplicateKeys, RunningTheRowAgainStillSeesTheRepeat) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n1,table\n");
  flowc("run");
  const CommandResult again = flowc("run", "--again --row 3");
  EXPECT_EQ(again.exit_code, kExitRowErrors) << again.out << again.err;
  EXPECT_NE(again.out.find("row 3 has the same key as row 2"), std::string::npos) << again.out;
  EXPECT_EQ(copied(), "id,name\n1,chair\n");
}

TEST_F(DuplicateKeys, ShowListsTheRepeatedKey) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n1,table\n");
  flowc("run");
  const CommandResult show = run_flowc("show " + last_run_id() + " --state " + state_path());
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("row      3  error: row 3 has the same key as row 2 (id = \"1\")"), std::string::npos)
      << show.out;
}

TEST_F(DuplicateKeys, RetryDoesNotSendTheFirstRowOfTheKeyAgain) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n1,table\n");
  flowc("run");
  const CommandResult retry = flowc("retry");
  EXPECT_NE(retry.out.find("0 rows to retry"), std::string::npos) << retry.out << retry.err;
  EXPECT_EQ(copied(), "id,name\n1,chair\n");
  EXPECT_TRUE(handled("k:1"));  // a single key is stored as it always was
}

TEST_F(DuplicateKeys, ACompoundKeyTellsRowsApart) {
  write_flow("key = [order_id, sku]", "columns.order = row.order_id  columns.sku = row.sku");
  write_csv("order_id,sku\n1017,A-5\n1017,B-2\n1018,A-5\n");
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(copied(), "order,sku\n1017,A-5\n1017,B-2\n1018,A-5\n");
  EXPECT_TRUE(handled(R"(k:["1017","A-5"])"));

  write_csv("order_id,sku\n1017,A-5\n1017,B-2\n1018,A-5\n1018,B-2\n1017,A-5\n");
  const CommandResult next = flowc("run");
  EXPECT_EQ(next.exit_code, kExitRowErrors) << next.out << next.err;
  EXPECT_NE(next.out.find("row 6 has the same key as row 2 (order_id = \"1017\", sku = \"A-5\")"), std::string::npos)
      << next.out;
  EXPECT_EQ(copied(), "order,sku\n1017,A-5\n1017,B-2\n1018,A-5\n1018,B-2\n");
}

TEST_F(DuplicateKeys, CheckAcceptsAListOfColumnsAsTheKeyAndNothingElse) {
  write_flow("key = [order_id, sku]");
  EXPECT_EQ(run_flowc("check " + flow_).exit_code, 0);
  write_flow("key = [order_id, 5]");
  const CommandResult check = run_flowc("check " + flow_);
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.err.find("`key` expects a name or a list of names"), std::string::npos) << check.err;
}

TEST_F(DuplicateKeys, CheckFindsEachColumnOfACompoundKeyInTheHeader) {
  write_flow("key = [order_id, skew]", "columns.order = row.order_id");
  write_csv("order_id,sku\n1017,A-5\n");
  const CommandResult check = run_flowc("check " + flow_);
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_NE(check.err.find("warning[W007]: `skew` is not a column of"), std::string::npos) << check.err;
  EXPECT_NE(check.err.find("help: its columns: `order_id`, `sku`"), std::string::npos) << check.err;
  EXPECT_NE(check.err.find("0 errors, 1 warning"), std::string::npos) << check.err;  // order_id is one
}

}  // namespace
}  // namespace flowc::testing
