// Opening databases written by earlier (and later) versions of flowc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include "runtime/state/sqlite/schema.hpp"
#include "runtime/state/sqlite/sqlite_db.hpp"
#include "runtime/state/state_error.hpp"
#include "runtime/state/state_store.hpp"
#include "tests/state/state_test_support.hpp"

namespace flowc::runtime::state {
namespace {

using ::testing::HasSubstr;
using testing::ScratchDir;

// Writes a database by hand, as an older flowc would have left it.
void write_database(const std::filesystem::path& path, const std::string& sql) {
  std::filesystem::create_directories(path.parent_path());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  ASSERT_EQ(code, SQLITE_OK) << error;
}

// The text of a one-value query, read through a separate connection.
std::string query_text(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  sqlite3_step(stmt);
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  const std::string value = text ? text : "";
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

int user_version(const std::filesystem::path& path) {
  return std::stoi(query_text(path, "PRAGMA user_version"));
}

TEST(Migration, ANewFileGetsTheWholeSchemaInItsDirectory) {
  ScratchDir dir;
  const auto path = dir.path() / "nested" / "deeper" / "state.db";
  {
    StateStore store(path);
    EXPECT_EQ(store.path(), path);
  }
  EXPECT_EQ(user_version(path), current_schema_version());
  EXPECT_GE(current_schema_version(), 2);
  EXPECT_EQ(query_text(path, "PRAGMA journal_mode"), "wal");  // WAL is a property of the file
}

TEST(Migration, VersionOneKeepsItsHandledRowsAndGainsRunHistory) {
  ScratchDir dir;
  write_database(dir.db(), std::string(migrations()[0]) + R"sql(
      INSERT INTO handled_rows VALUES ('orders', 'k:7', 'abc', NULL, '2024-01-01T00:00:00.000Z');
      PRAGMA user_version = 1;)sql");

  StateStore store(dir.db());
  EXPECT_EQ(user_version(dir.db()), current_schema_version());
  EXPECT_TRUE(store.is_handled("orders", "k:7"));
  EXPECT_EQ(store.handled_content_hash("orders", "k:7"), "abc");

  RunLock lock = store.run_lock("orders");
  lock.lock();
  RunStart start;
  start.flow = "orders";
  const RunRecord run = store.begin_run(lock, start);
  RowRecord row;
  row.identity = "k:8";
  row.content_hash = "def";
  store.record_row(run, row);
  EXPECT_TRUE(store.is_handled("orders", "k:8"));
}

// Version 3 kept each send in a send_outcomes row; version 4 keeps a row's sends in its outcome.
TEST(Migration, VersionThreeSendsMoveIntoTheirRowsInOrder) {
  ScratchDir dir;
  write_database(dir.db(), std::string(migrations()[0]) + std::string(migrations()[1]) +
                               std::string(migrations()[2]) + R"sql(
      INSERT INTO runs (id, flow, flow_file, trigger, pid, started_at, outcome)
        VALUES ('r1', 'orders', 'orders.flow', 'manual', 1, '2024-01-01T00:00:00.000Z', 'running');
      INSERT INTO row_outcomes (id, run_id, flow, identity, content_hash, row_number, error, handled, needs_retry,
                                troubled, recorded_at)
        VALUES (1, 'r1', 'orders', 'k:1', 'h1', 2, '', 1, 0, 1, '2024-01-01T00:00:01.000Z'),
               (2, 'r1', 'orders', 'k:2', 'h2', 3, '', 1, 0, 0, '2024-01-01T00:00:02.000Z');
      INSERT INTO send_outcomes VALUES
        (1, 1, 'create', 'fail', 422, 'client.phones is "invalid"', '', 1),
        (1, 0, 'update', 'fail', 404, 'not found', '', 0),
        (1, 2, 'alert', 'success', 200, '', '77', 0),
        (2, 0, 'update', 'success', 200, '', '2', 0);
      PRAGMA user_version = 3;)sql");

  StateStore store(dir.db());
  EXPECT_EQ(user_version(dir.db()), current_schema_version());
  const std::vector<RowOutcome> rows = store.run_rows("r1");
  ASSERT_EQ(rows.size(), 2u);
  const RowOutcome& troubled = rows[0];
  EXPECT_EQ(troubled.row.identity, "k:1");
  EXPECT_EQ(troubled.row.sends,
            (std::vector<SendRecord>{{"update", SendResult::fail, 404, "not found", "", false},
                                     {"create", SendResult::fail, 422, "client.phones is \"invalid\"", "", true},
                                     {"alert", SendResult::success, 200, "", "77", false}}));
  EXPECT_EQ(rows[1].row.sends, (std::vector<SendRecord>{{"update", SendResult::success, 200, "", "2", false}}));

  // The old run died while `running`: the next run closes it with counts read from the moved sends.
  RunLock lock = store.run_lock("orders");
  lock.lock();
  RunStart start;
  start.flow = "orders";
  store.begin_run(lock, start);
  const RunCounts counts = store.get_run("r1")->counts;
  EXPECT_EQ(counts.success, 2);
  EXPECT_EQ(counts.fail, 2);
  EXPECT_EQ(counts.unhandled, 1);
  EXPECT_EQ(counts.done, 2);
}

// Version 5 keeps a finished send's outcome and its place in the flow with its note. A note written
// before (or by an older flowc still running) has neither: its send was in flight when the run
// died, and the notes keep the order they were stored in.
TEST(Migration, VersionFourNotesAreSendsInFlight) {
  ScratchDir dir;
  write_database(dir.db(), std::string(migrations()[0]) + std::string(migrations()[1]) +
                               std::string(migrations()[2]) + std::string(migrations()[3]) + R"sql(
      INSERT INTO runs (id, flow, flow_file, trigger, pid, started_at, outcome)
        VALUES ('r1', 'orders', 'orders.flow', 'manual', 1, '2024-01-01T00:00:00.000Z', 'running');
      INSERT INTO sends_in_flight (run_id, identity, send_name, content_hash, row_number, started_at,
                                   resend_after_crash)
        VALUES ('r1', 'k:1', 'create', 'h1', 2, '2024-01-01T00:00:02.000Z', 0),
               ('r1', 'k:1', 'update', 'h1', 2, '2024-01-01T00:00:01.000Z', 1);
      PRAGMA user_version = 4;)sql");

  StateStore store(dir.db());
  EXPECT_EQ(user_version(dir.db()), current_schema_version());
  RunLock lock = store.run_lock("orders");
  lock.lock();
  RunStart start;
  start.flow = "orders";
  store.begin_run(lock, start);
  EXPECT_EQ(store.get_run("r1")->counts.uncertain, 2);
  const std::vector<RowOutcome> held = store.held_rows("orders");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].row.sends, (std::vector<SendRecord>{{"update", SendResult::uncertain, 0, "", "", false},
                                                        {"create", SendResult::uncertain, 0, "", "", false}}));
  EXPECT_THAT(held[0].row.error, HasSubstr("`create` was in flight"));
}

// Version 5 allowed no 'stopped' outcome; version 6 keeps every run, its rows, and their link.
TEST(Migration, VersionFiveRunsKeepTheirHistoryAndMayEndAsStopped) {
  ScratchDir dir;
  std::string sql;
  for (std::size_t version = 0; version < 5; ++version) sql += migrations()[version];
  write_database(dir.db(), sql + R"sql(
      INSERT INTO runs (id, flow, flow_file, trigger, pid, started_at, ended_at, outcome, rows_read, done, success)
        VALUES ('r1', 'orders', 'orders.flow', 'schedule', 1, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:09.000Z',
                'completed', 4, 3, 5);
      INSERT INTO row_outcomes (run_id, flow, identity, content_hash, row_number, handled, needs_retry, troubled,
                                recorded_at)
        VALUES ('r1', 'orders', 'k:1', 'h1', 2, 1, 0, 0, '2024-01-01T00:00:01.000Z');
      PRAGMA user_version = 5;)sql");

  StateStore store(dir.db());
  EXPECT_EQ(user_version(dir.db()), current_schema_version());
  const std::optional<RunRecord> old_run = store.get_run("r1");
  ASSERT_TRUE(old_run);
  EXPECT_EQ(old_run->outcome, RunOutcome::completed);
  EXPECT_EQ(old_run->trigger, "schedule");
  EXPECT_EQ(old_run->counts.rows_read, 4);
  EXPECT_EQ(old_run->counts.success, 5);
  EXPECT_EQ(store.run_rows("r1").size(), 1u);
  EXPECT_EQ(query_text(dir.db(), "PRAGMA foreign_key_check"), "");

  RunLock lock = store.run_lock("orders");
  lock.lock();
  RunStart start;
  start.flow = "orders";
  const RunRecord stopped = store.end_run(store.begin_run(lock, start), RunOutcome::stopped, RunCounts{});
  EXPECT_EQ(store.get_run(stopped.id)->outcome, RunOutcome::stopped);
}

TEST(Migration, SendsThatCannotBeReadAreAStateErrorNamingTheFile) {
  ScratchDir dir;
  std::string run_id;
  {
    StateStore store(dir.db());
    RunLock lock = store.run_lock("orders");
    lock.lock();
    RunStart start;
    start.flow = "orders";
    const RunRecord run = store.begin_run(lock, start);
    run_id = run.id;
    RowRecord row;
    row.identity = "k:1";
    row.content_hash = "h";
    store.record_row(run, row);
  }
  write_database(dir.db(), "UPDATE row_outcomes SET sends = '[{\"name\": 1}]';");
  StateStore store(dir.db());
  try {
    store.run_rows(run_id);
    FAIL() << "unreadable sends must not be shown as no sends";
  } catch (const StateError& error) {
    EXPECT_THAT(error.what(), HasSubstr(dir.db().string()));
    EXPECT_THAT(error.what(), HasSubstr("row outcome"));
  }
}

TEST(Migration, AnUnreadableOutcomeOfASendInFlightIsAStateErrorNamingTheFile) {
  ScratchDir dir;
  {
    StateStore store(dir.db());
    RunLock lock = store.run_lock("orders");
    lock.lock();
    RunStart start;
    start.flow = "orders";
    RowRecord row;
    row.identity = "k:1";
    store.note_send_started(store.begin_run(lock, start), row, "create", false);
  }
  // Not JSON of a send, and a send that could not have finished.
  for (const char* outcome : {R"({"name": 1})", R"({"name":"create","result":"uncertain","status":0,"errors":"",)"
                                                 R"("response_id":"","unhandled":false})"}) {
    write_database(dir.db(), fmt::format("UPDATE sends_in_flight SET outcome = '{}';", outcome));
    StateStore store(dir.db());
    RunLock lock = store.run_lock("orders");
    lock.lock();
    RunStart start;
    start.flow = "orders";
    try {
      store.begin_run(lock, start);  // closes the dead run, reading its notes
      ADD_FAILURE() << "an unreadable outcome must not be taken for a send in flight: " << outcome;
    } catch (const StateError& error) {
      EXPECT_THAT(error.what(), HasSubstr(dir.db().string()));
      EXPECT_THAT(error.what(), HasSubstr("a send in flight"));
    }
  }
}

TEST(Migration, ReopeningIsANoOp) {
  ScratchDir dir;
  { StateStore(dir.db()).seed("orders", std::vector<RowId>{RowId{"k:1", "h", 0}}); }
  StateStore again(dir.db());
  EXPECT_TRUE(again.is_handled("orders", "k:1"));
}

TEST(Migration, AFileFromANewerFlowcIsRefused) {
  ScratchDir dir;
  write_database(dir.db(), "PRAGMA user_version = 99;");
  try {
    StateStore store(dir.db());
    FAIL() << "a newer schema must not be used";
  } catch (const StateError& error) {
    EXPECT_THAT(error.what(), HasSubstr("99"));
    EXPECT_THAT(error.what(), HasSubstr(dir.db().string()));
  }
}

TEST(Migration, AFileThatIsNotADatabaseIsAStateError) {
  ScratchDir dir;
  std::filesystem::create_directories(dir.db().parent_path());
  std::FILE* file = std::fopen(dir.db().c_str(), "w");
  std::fputs("this is not a database, just text that is long enough to have a header......", file);
  std::fclose(file);
  EXPECT_THROW(StateStore store(dir.db()), StateError);
}

TEST(Database, CachedStatementsTakeEffectEachTimeTheyRun) {
  // Transactions and the synchronous switch around in-flight notes reuse prepared statements:
  // each run must act again, not only the first.
  ScratchDir dir;
  Database db(dir.path() / "cache.db");
  db.exec("CREATE TABLE t (x INTEGER)");
  for (int round = 0; round < 3; ++round) {
    db.prepare("PRAGMA synchronous = NORMAL").run();
    EXPECT_EQ(db.query_text("PRAGMA synchronous"), "1");
    db.prepare("PRAGMA synchronous = FULL").run();
    EXPECT_EQ(db.query_text("PRAGMA synchronous"), "2");
    {
      WriteTransaction transaction(db);
      db.prepare("INSERT INTO t VALUES (?1)").bind(1, std::int64_t{round}).run();
      if (round == 1) continue;  // left without commit(): rolled back
      transaction.commit();
    }
  }
  EXPECT_EQ(db.query_text("SELECT group_concat(x) FROM t"), "0,2");
}

TEST(StatePath, FlagThenEnvironmentThenDefault) {
  ::unsetenv("FLOWC_STATE");
  EXPECT_EQ(choose_state_path(std::nullopt), std::filesystem::path(".flowc/state.db"));
  ::setenv("FLOWC_STATE", "/tmp/from-env.db", 1);
  EXPECT_EQ(choose_state_path(std::nullopt), std::filesystem::path("/tmp/from-env.db"));
  EXPECT_EQ(choose_state_path(std::string("cli.db")), std::filesystem::path("cli.db"));
  ::unsetenv("FLOWC_STATE");
}

}  // namespace
}  // namespace flowc::runtime::state
