// When a run notes a send in the state store, as seen by the service: a send that is harmless to
// repeat after a crash leaves without a note (a crash leaves its row new, and it is sent again
// either way); one that must not be repeated is noted before it leaves, so a crash holds its row.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include <chrono>
#include <future>

#include "runtime/interpreter/recording/state_session.hpp"
#include "tests/support/flow_fixture.hpp"
#include "tests/support/recording_server.hpp"
#include "tests/support/run_options.hpp"

namespace flowc::testing {
namespace {

// `expression` over the note of the row `identity`'s `send` in the state file right now, read as
// another process would: its text, "null", or "none" when there is no such note.
std::string note_field(const std::string& state, const std::string& identity, const std::string& send,
                       const std::string& expression) {
  sqlite3* db = nullptr;
  std::string found = "unreadable";
  if (sqlite3_open_v2(state.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* query = nullptr;
    const std::string sql = "SELECT " + expression + " FROM sends_in_flight WHERE identity = ?1 AND send_name = ?2";
    sqlite3_prepare_v2(db, sql.c_str(), -1, &query, nullptr);
    sqlite3_bind_text(query, 1, identity.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(query, 2, send.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(query) != SQLITE_ROW) {
      found = "none";
    } else if (sqlite3_column_type(query, 0) == SQLITE_NULL) {
      found = "null";
    } else {
      found = reinterpret_cast<const char*>(sqlite3_column_text(query, 0));
    }
    sqlite3_finalize(query);
  }
  sqlite3_close(db);
  return found;
}

// What the state file says of a send right now: "none" (no note), "in flight", or its stored result.
std::string note_state(const std::string& state, const std::string& send, const std::string& identity = "k:1") {
  const std::string result = note_field(state, identity, send, "json_extract(outcome, '$.result')");
  return result == "null" ? "in flight" : result;
}

// A flow named `name` over a sheet of one row (id 1, unless `rows` says otherwise) that first
// updates the row's item with a PUT, then does `steps`.
std::string flow_over_one_row(const std::string& name, const std::string& base_url, TempDir& dir,
                              const std::string& steps, const std::string& rows = "id\n1\n") {
  return fmt::format(R"(flow "{}"
account files = csv {{}}
account api = http {{ base_url = "{}" }}
source row = files.new_rows {{
  path = "{}"
  key  = id
}}
send update = api.request {{
  method = PUT
  url    = "/items/{{{{row.id}}}}"
}}
)",
                     name, base_url, dir.write("rows.csv", rows)) +
         steps;
}

// The seed scenario's steps after its update.
constexpr char kCreateWhenUpdateFailsAlertWhenCreateFails[] = R"(
if update.result == fail then
  send create = api.request {
    method = POST
    url    = "/items"
    body.id = row.id
  }
  if create.result == fail then
    send alert = api.request {
      method = POST
      url    = "/alerts"
      body.text = create.errors
    }
  end
end
)";

// A run of `flow` as `flowc run` makes it, with its state in `state`.
runtime::RunSummary run_with_state(const ir::Flow& flow, const std::string& state) {
  runtime::StateSession session(flow, {state});
  runtime::RunOptions options = builtin_run_options();
  options.admit_row = [&](const runtime::Row& row) { return session.recorder().admit_new(row); };
  const runtime::RunSummary summary = runtime::run_flow(flow, options, session.recorder());
  session.finish(summary);
  return summary;
}

TEST(SendNotes, OnlySendsThatMustNotBeRepeatedAreNotedBeforeTheyLeave) {
  TempDir dir;
  const std::string state = (dir.path() / "state.db").string();
  std::map<std::string, std::string> notes_on_arrival;  // by method
  RecordingServer server([&](const ReceivedRequest& request, std::size_t) {
    notes_on_arrival[request.method] = note_state(state, request.method == "PUT" ? "update" : "create");
    return Reply{201, R"({"id":7})"};
  });
  const ir::Flow flow = compile_or_fail(flow_over_one_row("notes", server.url(), dir, R"(
send create = api.request {
  method = POST
  url    = "/items"
  body.id = row.id
}
)"));
  const runtime::RunSummary summary = run_with_state(flow, state);

  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(notes_on_arrival["PUT"], "none");        // a PUT is harmless to repeat
  EXPECT_EQ(notes_on_arrival["POST"], "in flight");  // a POST may create something twice
  EXPECT_EQ(note_state(state, "create"), "none") << "the row's record clears its notes";
  EXPECT_EQ(summary.rows_done, 1u);
}

// The seed scenario's shape: when the alert leaves, the update and the create have finished, and
// the state file says so, so a crash now would leave only the alert uncertain.
TEST(SendNotes, FinishedSendsOfARowInFlightAreStoredWithTheirOutcomes) {
  TempDir dir;
  const std::string state = (dir.path() / "state.db").string();
  std::map<std::string, std::string> on_alert;  // by send
  RecordingServer server([&](const ReceivedRequest& request, std::size_t) {
    if (request.method == "PUT") return Reply{404, R"({"error":"no such order"})"};
    if (request.path == "/items") return Reply{422, R"({"error":"client.phones is invalid"})"};
    for (const char* send : {"update", "create", "alert"}) on_alert[send] = note_state(state, send);
    return Reply{200, R"({"ok":true})"};
  });
  const ir::Flow flow =
      compile_or_fail(flow_over_one_row("outcomes", server.url(), dir, kCreateWhenUpdateFailsAlertWhenCreateFails));
  const runtime::RunSummary summary = run_with_state(flow, state);

  ASSERT_EQ(server.requests().size(), 3u);
  EXPECT_EQ(on_alert["update"], "fail");
  EXPECT_EQ(on_alert["create"], "fail");
  EXPECT_EQ(on_alert["alert"], "in flight");
  EXPECT_EQ(note_state(state, "create"), "none") << "the row's record clears its notes";
  EXPECT_EQ(summary.rows_done, 1u);
}

// Two rows in flight at once: each outcome lands on its own row's note. Row 2's update is held
// back by the service until row 1's alert has arrived.
TEST(SendNotes, EachOutcomeGoesToItsOwnRowsNote) {
  TempDir dir;
  const std::string state = (dir.path() / "state.db").string();
  std::map<std::string, std::string> on_alert;
  std::promise<void> alert_seen;
  std::shared_future<void> alert_arrived = alert_seen.get_future().share();
  std::future_status row_2_waited = std::future_status::deferred;
  RecordingServer server([&](const ReceivedRequest& request, std::size_t) {
    if (request.path == "/items/1") return Reply{404, R"({"error":"no such order"})"};
    if (request.path == "/items/2") {
      row_2_waited = alert_arrived.wait_for(std::chrono::seconds(5));
      return Reply{200, R"({"id":2})"};
    }
    if (request.path == "/items") return Reply{422, R"({"error":"client.phones is invalid"})"};
    on_alert["1 update"] = note_state(state, "update", "k:1");
    on_alert["1 create"] = note_state(state, "create", "k:1");
    on_alert["2 update"] = note_state(state, "update", "k:2");
    alert_seen.set_value();
    return Reply{200, R"({"ok":true})"};
  });
  const std::string steps = std::string(kCreateWhenUpdateFailsAlertWhenCreateFails) + "settings { concurrency = 2 }\n";
  const ir::Flow flow = compile_or_fail(flow_over_one_row("two rows", server.url(), dir, steps, "id\n1\n2\n"));
  const runtime::RunSummary summary = run_with_state(flow, state);

  ASSERT_EQ(server.requests().size(), 4u);
  ASSERT_EQ(row_2_waited, std::future_status::ready) << "row 1's alert never came while row 2's update waited";
  EXPECT_EQ(on_alert["1 update"], "fail");
  EXPECT_EQ(on_alert["1 create"], "fail");
  EXPECT_EQ(on_alert["2 update"], "in flight");
  EXPECT_EQ(summary.rows_done, 2u);
}

// A send that never started (its fields could not be rendered) sent nothing: its outcome is kept
// for the history, but it does not make a crash hold its row.
TEST(SendNotes, ASendThatNeverStartedHoldsNothing) {
  TempDir dir;
  const std::string state = (dir.path() / "state.db").string();
  std::string create_on_alert;
  RecordingServer server([&](const ReceivedRequest& request, std::size_t) {
    if (request.path == "/alerts") {
      create_on_alert =
          note_field(state, "k:1", "create", "json_extract(outcome, '$.result') || ' ' || resend_after_crash");
    }
    return Reply{200, R"({"ok":true})"};
  });
  const ir::Flow flow = compile_or_fail(flow_over_one_row("never started", server.url(), dir, R"(
send create = api.request {
  method = POST
  url    = "/items/{{row.no_such_column}}"
}
send alert = api.request {
  method = POST
  url    = "/alerts"
}
)"));
  run_with_state(flow, state);

  ASSERT_EQ(server.requests().size(), 2u);  // the update and the alert; the create never left
  EXPECT_EQ(create_on_alert, "fail 1");
}

// A CSV append acts inside the run, with no request: it is noted, and the note stored, before it
// writes, so a crash right after it holds the row instead of appending the line again.
TEST(SendNotes, ALocalAppendIsNotedBeforeItActs) {
  TempDir dir;
  const std::string state = (dir.path() / "state.db").string();
  std::string append_on_check;
  RecordingServer server([&](const ReceivedRequest& request, std::size_t) {
    if (request.path == "/check") append_on_check = note_field(state, "k:1", "log", "resend_after_crash");
    return Reply{200, R"({"ok":true})"};
  });
  const std::string steps = fmt::format(R"(
send log = files.append_row {{
  path       = "{}"
  columns.id = row.id
}}
send check = api.request {{
  method = GET
  url    = "/check"
}}
)",
                                        (dir.path() / "out.csv").string());
  const ir::Flow flow = compile_or_fail(flow_over_one_row("local", server.url(), dir, steps));
  run_with_state(flow, state);

  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(append_on_check, "0") << "noted as not to be repeated, before the GET that follows it";
}

}  // namespace
}  // namespace flowc::testing
