// Run history: rows recorded atomically, interrupted runs, retries, queries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "runtime/state/state_error.hpp"
#include "runtime/state/state_store.hpp"
#include "runtime/state/timestamps.hpp"
#include "tests/support/state_integrity.hpp"
#include "tests/state/state_test_support.hpp"

namespace flowc::runtime::state {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::ScratchDir;

constexpr char kFlow[] = "orders";

SendRecord send(std::string name, SendResult result, bool unhandled = false) {
  SendRecord record;
  record.name = std::move(name);
  record.result = result;
  record.status = result == SendResult::success ? 200 : 500;
  record.errors = result == SendResult::fail ? "HTTP 500: server error" : "";
  record.unhandled = unhandled;
  return record;
}

RowRecord row(const std::string& identity, std::uint64_t number, std::vector<SendRecord> sends = {},
              std::string error = {}) {
  return RowRecord{.identity = identity,
                   .content_hash = "hash-" + identity,
                   .row_number = number,
                   .sends = std::move(sends),
                   .error = std::move(error)};
}

RunStart start_of(const std::string& flow, const std::string& trigger = "manual",
                  std::optional<std::string> id = std::nullopt) {
  RunStart start;
  start.flow = flow;
  start.flow_file = flow + ".flow";
  start.trigger = trigger;
  start.id = std::move(id);
  return start;
}

std::vector<std::string> identities(const std::vector<RowOutcome>& outcomes) {
  std::vector<std::string> out;
  for (const RowOutcome& outcome : outcomes) out.push_back(outcome.row.identity);
  return out;
}

class RunHistory : public ::testing::Test {
 protected:
  // Every test's history must hang together: no outcome or note of a run that is not there.
  void TearDown() override { EXPECT_EQ(flowc::testing::foreign_key_violations(dir.db()), 0); }
  RunRecord begin(const std::string& trigger = "manual") { return store->begin_run(lock, start_of(kFlow, trigger)); }
  // Closes the store and lets go of the lock, as a process that died would.
  void lose_process() {
    store.reset();
    lock.unlock();
  }
  void reopen() {
    store = std::make_unique<StateStore>(dir.db(), StateOptions{.durability = Durability::normal});
    lock.lock();
  }
  // A trigger in the real database makes marking the row `identity` handled fail, as a full disk
  // would: after its outcome, and whatever the transaction wrote before, were written.
  void fail_marking_handled(const std::string& identity) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(dir.db().c_str(), &raw), SQLITE_OK);
    const std::string trigger = "CREATE TRIGGER fail_handled BEFORE INSERT ON handled_rows WHEN NEW.identity = '" +
                                identity + "' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END";
    ASSERT_EQ(sqlite3_exec(raw, trigger.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }

  ScratchDir dir;
  std::unique_ptr<StateStore> store =
      std::make_unique<StateStore>(dir.db(), StateOptions{.durability = Durability::normal});
  RunLock lock = [this] {
    RunLock taken = store->run_lock(kFlow);
    taken.lock();
    return taken;
  }();
};

TEST_F(RunHistory, BeginRunNeedsTheFlowsLockHeld) {
  RunLock other_flow = store->run_lock("invoices");
  other_flow.lock();
  EXPECT_THROW(store->begin_run(other_flow, start_of(kFlow)), std::logic_error);
  RunLock elsewhere(dir.path() / "other-locks", kFlow);  // same flow, but not this store's lock
  elsewhere.lock();
  EXPECT_THROW(store->begin_run(elsewhere, start_of(kFlow)), std::logic_error);
  lock.unlock();
  EXPECT_THROW(store->begin_run(lock, start_of(kFlow)), std::logic_error);
}

TEST_F(RunHistory, RecordedRowsReadBackWithTheirSends) {
  const RunRecord run = begin();
  EXPECT_EQ(run.outcome, RunOutcome::running);
  RowRecord recorded = row("k:1", 2, {send("update", SendResult::fail), send("create", SendResult::success)});
  recorded.sends[1].response_id = "order-991";
  store->record_row(run, recorded);

  const std::vector<RowOutcome> rows = store->run_rows(run.id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].row.identity, "k:1");
  EXPECT_EQ(rows[0].row.row_number, 2u);
  EXPECT_EQ(rows[0].row.sends, recorded.sends);
  EXPECT_TRUE(rows[0].handled);
  EXPECT_FALSE(rows[0].needs_retry);  // the failure went to an `if`
  EXPECT_TRUE(store->is_handled(kFlow, "k:1"));
  EXPECT_EQ(store->handled_content_hash(kFlow, "k:1"), "hash-k:1");
}

TEST_F(RunHistory, ATurnsRowsAndNotesAreStoredTogether) {
  // What the runner commits after a turn of its event loop: two rows that finished, and the note
  // of a send started in their place.
  const RunRecord run = begin();
  const std::vector<RowRecord> finished{row("k:1", 2, {send("update", SendResult::success)}),
                                        row("k:2", 3, {send("update", SendResult::fail)})};
  for (const RowRecord& done : finished) store->note_send_started(run, done, "update", true);
  const std::vector<SendNote> started{{row("k:3", 4), "update", 0, true, std::nullopt}};
  store->record_rows(run, finished, started);

  EXPECT_THAT(identities(store->run_rows(run.id)), ElementsAre("k:2", "k:1"));  // the failed one first
  EXPECT_TRUE(store->is_handled(kFlow, "k:1"));
  EXPECT_TRUE(store->is_handled(kFlow, "k:2"));
  EXPECT_FALSE(store->is_handled(kFlow, "k:3"));
  // The finished rows' notes are cleared; the new send's note stays until its row is recorded.
  const RunRecord ended = store->end_run(run, RunOutcome::completed, RunCounts{});
  EXPECT_EQ(ended.counts.uncertain, 1);
  EXPECT_FALSE(store->is_handled(kFlow, "k:3"));
}

TEST_F(RunHistory, ATurnThatFailsHalfWayLeavesNoneOfItsRows) {
  const RunRecord run = begin();
  fail_marking_handled("k:2");  // after the first row and the second row's outcome were written
  const std::vector<RowRecord> turn{row("k:1", 2, {send("update", SendResult::success)}),
                                    row("k:2", 3, {send("update", SendResult::success)})};
  const std::vector<SendNote> started{{row("k:3", 4), "update", 0, true, std::nullopt}};
  EXPECT_THROW(store->record_rows(run, turn, started), StateError);
  EXPECT_FALSE(store->is_handled(kFlow, "k:1"));
  EXPECT_THAT(store->run_rows(run.id), IsEmpty());
  const RunRecord ended = store->end_run(run, RunOutcome::failed, RunCounts{});
  EXPECT_EQ(ended.counts.uncertain, 0);  // the new send's note was rolled back with the rest: it never left
}

TEST_F(RunHistory, RowsRecordedFromSeveralThreadsAreAllStored) {
  // The store serialises its calls itself: the SQLite connection is opened without a mutex of its
  // own, so concurrent callers must still each get whole transactions.
  const RunRecord run = begin();
  constexpr int kThreads = 4;
  constexpr int kRowsEach = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRowsEach; ++i) {
        const std::string identity = "k:" + std::to_string(t) + "-" + std::to_string(i);
        const RowRecord done = row(identity, static_cast<std::uint64_t>(t * kRowsEach + i + 2),
                                   {send("update", SendResult::success)});
        store->note_send_started(run, done, "update", true);
        EXPECT_FALSE(store->is_handled(kFlow, identity));
        store->record_row(run, done);
        EXPECT_TRUE(store->is_handled(kFlow, identity));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(store->run_rows(run.id).size(), static_cast<std::size_t>(kThreads * kRowsEach));
  const RunRecord ended = store->end_run(run, RunOutcome::completed, RunCounts{});
  EXPECT_EQ(ended.counts.uncertain, 0);  // every note was cleared by its row's record
}

TEST_F(RunHistory, TheRowsOfOneTurnShareItsTimestamp) {
  const RunRecord run = begin();
  const std::vector<RowRecord> finished{row("k:1", 2), row("k:2", 3), row("k:3", 4)};
  store->record_rows(run, finished);
  const std::vector<RowOutcome> rows = store->run_rows(run.id);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_FALSE(rows[0].recorded_at.empty());
  for (const RowOutcome& outcome : rows) EXPECT_EQ(outcome.recorded_at, rows[0].recorded_at);
}

TEST_F(RunHistory, ARowStoppedByAnErrorStaysNew) {
  const RunRecord run = begin();
  store->record_row(run, row("k:1", 2, {}, "template: no column 'qty'"));
  EXPECT_FALSE(store->is_handled(kFlow, "k:1"));
  EXPECT_TRUE(store->run_rows(run.id).at(0).needs_retry);
}

TEST_F(RunHistory, ARecordThatFailsHalfWayLeavesNothing) {
  fail_marking_handled("k:1");  // after the row's outcome, with its sends, was written

  const RunRecord run = begin();
  const RowRecord doomed = row("k:1", 2, {send("update", SendResult::success), send("create", SendResult::success)});
  store->note_send_started(run, doomed, "update", true);
  try {
    store->record_row(run, doomed);
    FAIL() << "the injected failure must surface";
  } catch (const StateError& error) {
    EXPECT_THAT(error.what(), HasSubstr("disk on fire"));
    EXPECT_THAT(error.what(), HasSubstr(dir.db().filename().string()));
  }
  EXPECT_FALSE(store->is_handled(kFlow, "k:1"));
  EXPECT_THAT(store->run_rows(run.id), IsEmpty());

  // The store is still usable, and the note survived: the send is reported as uncertain.
  store->record_row(run, row("k:2", 3, {send("update", SendResult::success)}));
  const RunRecord ended = store->end_run(run, RunOutcome::completed, RunCounts{});
  EXPECT_EQ(ended.counts.uncertain, 1);
  EXPECT_THAT(identities(store->run_rows(run.id)), ElementsAre("k:1", "k:2"));
  EXPECT_TRUE(store->is_handled(kFlow, "k:2"));
  EXPECT_FALSE(store->is_handled(kFlow, "k:1"));
}

TEST_F(RunHistory, ADeadRunIsClosedAsInterruptedWithItsSendInFlightUncertain) {
  const RunRecord dead = begin();
  const RowRecord finished = row("k:1", 2, {send("update", SendResult::success)});
  store->note_send_started(dead, finished, "update", true);
  store->record_row(dead, finished);
  const RowRecord in_flight = row("k:2", 3);
  store->note_send_started(dead, in_flight, "update", true);
  store->note_send_started(dead, in_flight, "update_stock", true);
  lose_process();

  reopen();
  const RunRecord next = begin();
  const std::optional<RunRecord> closed = store->get_run(dead.id);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->outcome, RunOutcome::interrupted);
  EXPECT_TRUE(closed->ended_at);
  EXPECT_THAT(closed->error, HasSubstr(next.id));
  EXPECT_EQ(closed->counts.done, 1);
  EXPECT_EQ(closed->counts.success, 1);
  EXPECT_EQ(closed->counts.uncertain, 2);

  const std::vector<RowOutcome> rows = store->run_rows(dead.id);
  ASSERT_THAT(identities(rows), ElementsAre("k:2", "k:1"));  // the uncertain row first
  EXPECT_FALSE(rows[0].handled);
  EXPECT_EQ(rows[0].row.content_hash, "hash-k:2");
  ASSERT_EQ(rows[0].row.sends.size(), 2u);
  EXPECT_EQ(rows[0].row.sends[0].result, SendResult::uncertain);
  EXPECT_EQ(rows[0].row.sends[1].result, SendResult::uncertain);
  EXPECT_TRUE(store->is_handled(kFlow, "k:1"));
  EXPECT_FALSE(store->is_handled(kFlow, "k:2"));  // runs again: at-least-once for that send
  EXPECT_EQ(store->get_run(next.id)->outcome, RunOutcome::running);
}

TEST_F(RunHistory, ADeadRunsSendThatMustNotBeRepeatedHoldsItsRowForRetry) {
  const RunRecord dead = begin();
  const RowRecord updating = row("k:1", 2);
  store->note_send_started(dead, updating, "update", true);
  const RowRecord creating = row("k:2", 3);
  store->note_send_started(dead, creating, "update", true);
  store->note_send_started(dead, creating, "create", false);
  lose_process();

  reopen();
  const RunRecord next = begin();
  EXPECT_EQ(store->get_run(dead.id)->counts.uncertain, 3);
  // The row whose only uncertain send is harmless to repeat runs again...
  EXPECT_FALSE(store->is_handled(kFlow, "k:1"));
  // ...the one that may have created an order does not, and waits for `flowc retry`.
  EXPECT_TRUE(store->is_handled(kFlow, "k:2"));
  const std::vector<RowOutcome> held = store->held_rows(kFlow);
  ASSERT_THAT(identities(held), ElementsAre("k:2"));
  EXPECT_TRUE(held[0].row.held);
  EXPECT_EQ(held[0].run_id, dead.id);
  EXPECT_THAT(held[0].row.error, HasSubstr("`create`"));
  EXPECT_THAT(held[0].row.error, HasSubstr("flowc retry"));
  EXPECT_THAT(identities(store->rows_to_retry(kFlow)), ElementsAre("k:1", "k:2"));

  // Settling the row (a retry that succeeded, or --mark-done) takes it off both lists.
  store->record_row(next, row("k:2", 3));
  EXPECT_THAT(store->held_rows(kFlow), IsEmpty());
  EXPECT_THAT(identities(store->rows_to_retry(kFlow)), ElementsAre("k:1"));
}

// The note that carries a finished send's outcome, as the runner writes it.
std::vector<SendNote> finished(const RowRecord& row, const SendRecord& outcome, std::int64_t send_index = 0) {
  return {SendNote{row, outcome.name, send_index, true, outcome}};
}

// The result of the row's send called `name`, or nullopt when the row has no such send.
std::optional<SendResult> result_of(const RowRecord& row, const std::string& name) {
  for (const SendRecord& send : row.sends) {
    if (send.name == name) return send.result;
  }
  return std::nullopt;
}

TEST_F(RunHistory, ADeadRunsFinishedSendsKeepTheirOutcomesAndOnlyTheSendInFlightIsUncertain) {
  const RunRecord dead = begin();
  const RowRecord alerting = row("k:1", 2);
  // As the runner writes them: the update's outcome rides with the create's note, and the
  // create's outcome with the alert's note. The first two share a commit, and so a started_at.
  store->note_sends_started(dead, std::vector<SendNote>{{alerting, "update", 0, true, send("update", SendResult::fail)},
                                                        {alerting, "create", 1, false, std::nullopt}});
  store->note_sends_started(dead, std::vector<SendNote>{{alerting, "create", 1, true, send("create", SendResult::fail)},
                                                        {alerting, "send_2", 2, false, std::nullopt}});
  lose_process();

  reopen();
  begin();
  EXPECT_EQ(store->get_run(dead.id)->counts.uncertain, 1);
  EXPECT_EQ(store->get_run(dead.id)->counts.fail, 2);
  const std::vector<RowOutcome> held = store->held_rows(kFlow);
  ASSERT_THAT(identities(held), ElementsAre("k:1"));
  ASSERT_EQ(held[0].row.sends.size(), 3u);
  EXPECT_EQ(held[0].row.sends[0], send("update", SendResult::fail));  // in the order the sends ran
  EXPECT_EQ(held[0].row.sends[1], send("create", SendResult::fail));
  EXPECT_EQ(held[0].row.sends[2].name, "send_2");
  EXPECT_EQ(held[0].row.sends[2].result, SendResult::uncertain);
  // The create that failed may still have created the order (a timeout, a 500), and a retry makes
  // it again: the reason names both.
  EXPECT_EQ(held_reason(held[0].row.error), "the run ended while `send_2` was in flight, after `create` ran");
  EXPECT_TRUE(store->is_handled(kFlow, "k:1"));
}

TEST_F(RunHistory, ARowWhoseSendThatMustNotBeRepeatedFinishedIsHeldNamingIt) {
  const RunRecord dead = begin();
  const RowRecord created = row("k:1", 2);
  store->note_send_started(dead, created, "create", false);
  // The outcome's own flag (true, as for a send that never started) does not overwrite the note's.
  store->note_sends_started(dead, finished(created, send("create", SendResult::success)));
  lose_process();

  reopen();
  begin();
  EXPECT_EQ(store->get_run(dead.id)->counts.uncertain, 0);
  const std::vector<RowOutcome> held = store->held_rows(kFlow);
  ASSERT_THAT(identities(held), ElementsAre("k:1"));
  EXPECT_EQ(result_of(held[0].row, "create"), SendResult::success);
  EXPECT_EQ(held_reason(held[0].row.error), "the run ended after `create` ran, before the row was recorded");
  EXPECT_THAT(held[0].row.error, HasSubstr("flowc retry"));
  EXPECT_TRUE(store->is_handled(kFlow, "k:1")) << "the order it created must not be created again";
}

// The run died after the row's update answered and before its next step: nothing is uncertain, but
// the row did not reach its end, so it must run again, not count as handled.
TEST_F(RunHistory, ADeadRunsRowWhoseSendsAllFinishedRunsAgain) {
  const RunRecord dead = begin();
  store->note_sends_started(dead, finished(row("k:1", 2), send("update", SendResult::fail)));
  lose_process();

  reopen();
  begin();
  EXPECT_EQ(store->get_run(dead.id)->counts.uncertain, 0);
  EXPECT_FALSE(store->is_handled(kFlow, "k:1"));
  EXPECT_THAT(store->held_rows(kFlow), IsEmpty());
  const std::vector<RowOutcome> rows = store->run_rows(dead.id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].row.error, "the run ended before this row was recorded");
  EXPECT_EQ(rows[0].row.sends, std::vector<SendRecord>{send("update", SendResult::fail)});
}

TEST_F(RunHistory, AStoredOutcomeIsNotErasedByALaterNoteOfTheSameSend) {
  const RunRecord dead = begin();
  const RowRecord updating = row("k:1", 2);
  store->note_sends_started(dead, finished(updating, send("update", SendResult::success)));
  store->note_send_started(dead, updating, "update", true);
  lose_process();

  reopen();
  begin();
  const std::vector<RowOutcome> rows = store->run_rows(dead.id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].row.sends, std::vector<SendRecord>{send("update", SendResult::success)});
}

TEST_F(RunHistory, AProcessKilledMidSendLeavesAnUncertainSend) {
  lose_process();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child does what a run does, then dies with the send "on the wire".
    StateStore store_in_child(dir.db());
    RunLock child_lock = store_in_child.run_lock(kFlow);
    child_lock.lock();
    const RunRecord run = store_in_child.begin_run(child_lock, start_of(kFlow, "manual", "killed-run"));
    const RowRecord sent = row("k:1", 2, {send("update", SendResult::success)});
    store_in_child.note_send_started(run, sent, "update", true);
    store_in_child.record_row(run, sent);
    store_in_child.note_send_started(run, row("k:2", 3), "update", true);
    ::kill(::getpid(), SIGKILL);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));

  reopen();
  begin();
  EXPECT_EQ(store->get_run("killed-run")->outcome, RunOutcome::interrupted);
  EXPECT_TRUE(store->is_handled(kFlow, "k:1"));
  EXPECT_FALSE(store->is_handled(kFlow, "k:2"));
  const std::vector<RowOutcome> rows = store->run_rows("killed-run");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].row.sends.at(0).result, SendResult::uncertain);
}

TEST_F(RunHistory, EndRunStoresCountsAndOutcome) {
  const RunRecord run = begin();
  const RunCounts counts{.rows_read = 10,
                         .filtered = 3,
                         .done = 6,
                         .errors = 1,
                         .success = 5,
                         .fail = 2,
                         .skipped = 4,
                         .unhandled = 1,
                         .uncertain = 0};
  const RunRecord ended = store->end_run(run, RunOutcome::failed, counts, "source: HTTP 403");
  EXPECT_EQ(ended.outcome, RunOutcome::failed);
  EXPECT_EQ(ended.counts, counts);
  EXPECT_EQ(ended.error, "source: HTTP 403");
  EXPECT_TRUE(ended.ended_at);
  EXPECT_THROW(store->end_run(run, RunOutcome::running, counts), std::logic_error);
}

TEST_F(RunHistory, RunRowsListTroubleFirst) {
  const RunRecord run = begin();
  store->record_row(run, row("k:1", 2, {send("update", SendResult::success)}));
  store->record_row(run, row("k:2", 3, {send("update", SendResult::fail), send("create", SendResult::success)}));
  store->record_row(run, row("k:3", 4, {send("update", SendResult::skipped)}));
  store->record_row(run, row("k:4", 5, {}, "bad number"));
  EXPECT_THAT(identities(store->run_rows(run.id)), ElementsAre("k:2", "k:4", "k:1", "k:3"));
}

TEST_F(RunHistory, RowsToRetryUntilALaterRunSettlesThem) {
  const RunRecord first = begin();
  store->record_row(first, row("k:1", 2, {send("update", SendResult::fail, /*unhandled=*/true)}));
  store->record_row(first, row("k:2", 3, {send("update", SendResult::success)}));
  store->record_row(first, row("k:3", 4, {}, "bad number"));
  store->record_row(first, row("k:4", 5, {send("update", SendResult::fail), send("alert", SendResult::success)}));
  store->end_run(first, RunOutcome::completed, {});
  EXPECT_TRUE(store->is_handled(kFlow, "k:1"));  // an unhandled failure still finished the row
  EXPECT_THAT(identities(store->rows_to_retry(kFlow)), ElementsAre("k:1", "k:3"));

  const RunRecord retry = begin("retry");
  store->record_row(retry, row("k:1", 2, {send("update", SendResult::success)}));
  store->record_row(retry, row("k:3", 4, {send("update", SendResult::fail, true)}));
  store->end_run(retry, RunOutcome::completed, {});

  const std::vector<RowOutcome> pending = store->rows_to_retry(kFlow);
  ASSERT_THAT(identities(pending), ElementsAre("k:3"));
  EXPECT_EQ(pending[0].run_id, retry.id);  // the latest outcome, listed once
  EXPECT_THAT(identities(store->rows_to_retry(kFlow, first.id)), ElementsAre("k:3"));
  EXPECT_THAT(identities(store->rows_to_retry(kFlow, retry.id)), ElementsAre("k:3"));
  EXPECT_THAT(store->rows_to_retry("invoices"), IsEmpty());
}

TEST_F(RunHistory, ListRunsNewestFirstByFlowWithALimit) {
  const RunRecord one = begin();
  store->end_run(one, RunOutcome::completed, {});
  const RunRecord two = begin();
  store->end_run(two, RunOutcome::completed, {});
  RunLock other = store->run_lock("invoices");
  other.lock();
  const RunRecord three = store->begin_run(other, start_of("invoices", "manual", "chosen-id"));

  auto ids = [](const std::vector<RunRecord>& runs) {
    std::vector<std::string> out;
    for (const RunRecord& run : runs) out.push_back(run.id);
    return out;
  };
  EXPECT_THAT(ids(store->list_runs(std::nullopt, 10)), ElementsAre("chosen-id", two.id, one.id));
  EXPECT_THAT(ids(store->list_runs(std::string(kFlow), 10)), ElementsAre(two.id, one.id));
  EXPECT_THAT(ids(store->list_runs(std::nullopt, 1)), ElementsAre("chosen-id"));
  EXPECT_EQ(store->get_run("chosen-id")->flow, "invoices");
  EXPECT_FALSE(store->get_run("no-such-run"));
  EXPECT_EQ(three.id, "chosen-id");
}

TEST(RunIds, SortByStartTime) {
  using namespace std::chrono;
  const auto start = system_clock::time_point(sys_days(year(2024) / 5 / 18)) + hours(15) + minutes(4);
  const std::string earlier = generate_run_id(start);
  const std::string later = generate_run_id(start + milliseconds(1));
  EXPECT_EQ(earlier.substr(0, 20), "20240518T150400.000Z");
  EXPECT_LT(earlier, later);
  EXPECT_EQ(utc_timestamp(start + milliseconds(1)), "2024-05-18T15:04:00.001Z");
}

}  // namespace
}  // namespace flowc::runtime::state
