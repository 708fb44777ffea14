// Writing run history: runs begin and end, rows are recorded, sends in flight are
// noted, and runs that died are closed with their in-flight sends as `uncertain`.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/state/history/send_records_json.hpp"
#include "runtime/state/sqlite/sqlite_db.hpp"
#include "runtime/state/state_error.hpp"
#include "runtime/state/state_store.hpp"
#include "runtime/state/timestamps.hpp"

namespace flowc::runtime::state {
namespace {

// What a held row's error says after its reason: the same for every held row, so held_reason()
// can cut it off.
constexpr std::string_view kHeldAdvice =
    "; what those sends did may have reached the service, so the row is not sent again on its own: check the "
    "service, then `flowc retry` the row (it makes all of the row's sends again), or `flowc retry --mark-done` if "
    "it is complete";

constexpr std::string_view kInFlightError = "the run ended while a send of this row was in flight";
constexpr std::string_view kEndedBeforeRecordError = "the run ended before this row was recorded";

// "`create`", "`create`, `send_2`".
std::string send_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "`" : ", `") + name + "`";
  return out;
}

// Why a row of a dead run is held: the send that must not be repeated that was in flight, the ones
// that had run, or both.
std::string held_error(const std::string& in_flight, const std::vector<std::string>& ran) {
  std::string reason = "the run ended";
  if (!in_flight.empty()) reason += " while `" + in_flight + "` was in flight";
  if (!ran.empty()) reason += (in_flight.empty() ? " after " : ", after ") + send_names(ran) + " ran";
  if (in_flight.empty()) reason += ", before the row was recorded";
  return reason + std::string(kHeldAdvice);
}

// Commits without an fsync while alive, then restores synchronous = FULL, also
// when the statement throws. In WAL mode the next FULL commit syncs the whole log,
// these frames included. The pragmas come from the statement cache: notes are
// committed this way whenever sends leave before a row finishes.
class UnsyncedCommits {
 public:
  UnsyncedCommits(Database& db, Durability durability) : db_(db), relaxed_(durability == Durability::full) {
    db_.end_read_snapshot();  // the setting cannot change inside a transaction
    if (relaxed_) db_.prepare("PRAGMA synchronous = NORMAL").run();
  }
  UnsyncedCommits(const UnsyncedCommits&) = delete;
  UnsyncedCommits& operator=(const UnsyncedCommits&) = delete;
  // Setting the pragma only flips a flag on the connection (no I/O), so it does
  // not fail on an open connection; if it ever did, stopping beats silently
  // committing rows without fsync.
  ~UnsyncedCommits() {
    if (relaxed_) db_.prepare("PRAGMA synchronous = FULL").run();
  }

 private:
  Database& db_;
  bool relaxed_;
};

// Only the flow's own lock, held, proves that no live process runs the flow.
void require_held_lock(const RunLock& lock, const RunLock& expected) {
  if (!lock.owns_lock() || lock.file() != expected.file()) {
    throw std::logic_error(fmt::format("a run of flow '{}' needs that flow's lock, held", expected.flow()));
  }
}

// A sends_in_flight outcome: nullopt while the send was in flight.
std::optional<SendRecord> stored_outcome(const Statement& notes, int column, const std::filesystem::path& path) {
  const std::optional<std::string> json = notes.optional_text(column);
  if (!json) return std::nullopt;
  SendRecord send;
  try {
    send = parse_send_json(*json);
  } catch (const std::invalid_argument& error) {
    throw StateError(path, fmt::format("a send in flight: {}", error.what()));
  }
  if (send.result != SendResult::success && send.result != SendResult::fail) {
    throw StateError(path, fmt::format("a send in flight: a finished send cannot be `{}`", to_string(send.result)));
  }
  return send;
}

// A row of a dead run, put together from its notes in the order its sends ran.
struct DeadRow {
  RowRecord row;
  std::string held_in_flight;         // the first send in flight that must not be repeated
  std::vector<std::string> held_ran;  // the finished sends that must not be repeated

  void add(const std::string& name, bool resend_after_crash, std::optional<SendRecord> finished) {
    SendRecord& send = row.sends.emplace_back(finished ? std::move(*finished) : SendRecord{});
    send.name = name;
    if (!finished) send.result = SendResult::uncertain;
    if (resend_after_crash) return;
    if (finished) {
      held_ran.push_back(name);
    } else if (held_in_flight.empty()) {
      held_in_flight = name;
    }
  }

  std::int64_t uncertain() const {
    return std::count_if(row.sends.begin(), row.sends.end(),
                         [](const SendRecord& send) { return send.result == SendResult::uncertain; });
  }

  // Whether the row is held, and why, once all its notes are in. A dead row always gets an error:
  // that is what keeps a row whose later steps never ran from counting as handled.
  void settle() {
    row.held = !held_in_flight.empty() || !held_ran.empty();
    row.error = row.held ? held_error(held_in_flight, held_ran)
                         : std::string(uncertain() > 0 ? kInFlightError : kEndedBeforeRecordError);
  }
};

}  // namespace

RunRecord StateStore::begin_run(const RunLock& lock, const RunStart& start) {
  require_held_lock(lock, run_lock(start.flow));
  std::lock_guard guard(mutex_);
  const auto now = std::chrono::system_clock::now();
  RunRecord run;
  run.id = start.id.value_or(generate_run_id(now));
  run.flow = start.flow;
  run.flow_file = start.flow_file;
  run.trigger = start.trigger;
  run.pid = ::getpid();
  run.started_at = utc_timestamp(now);

  WriteTransaction transaction(*db_);
  close_interrupted_runs(run.flow, run.id);
  Statement insert = db_->prepare(
      "INSERT INTO runs (id, flow, flow_file, trigger, pid, started_at, outcome) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'running')");
  insert.bind(1, run.id).bind(2, run.flow).bind(3, run.flow_file).bind(4, run.trigger).bind(5, run.pid);
  insert.bind(6, run.started_at).run();
  transaction.commit();
  return run;
}

void StateStore::note_send_started(const RunRecord& run, const RowRecord& row, std::string_view send,
                                   bool resend_after_crash) {
  const SendNote note{row, std::string(send), 0, resend_after_crash, std::nullopt};
  note_sends_started(run, std::span<const SendNote>(&note, 1));
}

void StateStore::note_sends_started(const RunRecord& run, std::span<const SendNote> notes) {
  if (notes.empty()) return;
  std::lock_guard guard(mutex_);
  // Committed before the sends leave, without waiting for an fsync.
  UnsyncedCommits unsynced(*db_, durability_);
  WriteTransaction transaction(*db_);
  const std::string now = utc_now();
  for (const SendNote& note : notes) insert_note(run, note, now);
  transaction.commit();
}

void StateStore::record_row(const RunRecord& run, const RowRecord& row) {
  record_rows(run, std::span<const RowRecord>(&row, 1));
}

void StateStore::record_rows(const RunRecord& run, std::span<const RowRecord> rows, std::span<const SendNote> notes) {
  if (rows.empty()) return note_sends_started(run, notes);
  std::lock_guard guard(mutex_);
  WriteTransaction transaction(*db_);
  const std::string now = utc_now();
  for (const SendNote& note : notes) insert_note(run, note, now);
  for (const RowRecord& row : rows) {
    insert_outcome(run, row, now);
    if (row.handled()) mark_handled(run.flow, row.identity, row.content_hash, run.id, now);
    if (!row.notes_stored) continue;
    Statement clear = db_->prepare("DELETE FROM sends_in_flight WHERE run_id = ?1 AND identity = ?2");
    clear.bind(1, run.id).bind(2, row.identity).run();
  }
  transaction.commit();
}

// A finished send's outcome goes onto its note; the note keeps when it started and whether it may
// be repeated, and an outcome once stored is never erased.
void StateStore::insert_note(const RunRecord& run, const SendNote& note, std::string_view now) {
  Statement insert = db_->prepare(
      "INSERT INTO sends_in_flight (run_id, identity, send_name, content_hash, row_number, started_at, "
      "resend_after_crash, outcome, send_index) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT (run_id, identity, send_name) DO UPDATE SET outcome = coalesce(excluded.outcome, outcome)");
  insert.bind(1, run.id).bind(2, note.row.identity).bind(3, note.send).bind(4, note.row.content_hash);
  insert.bind(5, static_cast<std::int64_t>(note.row.row_number)).bind(6, now);
  const std::string outcome = note.finished ? send_json(*note.finished) : std::string();
  insert.bind(7, std::int64_t{note.resend_after_crash}).bind(9, note.send_index);
  insert.bind_optional(8, note.finished ? std::optional<std::string_view>(outcome) : std::nullopt).run();
}

RunRecord StateStore::end_run(const RunRecord& run, RunOutcome outcome, const RunCounts& counts,
                              std::string_view error) {
  if (outcome == RunOutcome::running) throw std::logic_error("a run cannot end as 'running'");
  std::lock_guard guard(mutex_);
  WriteTransaction transaction(*db_);
  RunCounts stored = counts;
  stored.uncertain += settle_sends_in_flight(run);
  Statement update = db_->prepare(
      "UPDATE runs SET ended_at = ?2, outcome = ?3, error = ?4, rows_read = ?5, filtered = ?6, done = ?7, "
      "errors = ?8, success = ?9, fail = ?10, skipped = ?11, unhandled = ?12, uncertain = ?13 WHERE id = ?1");
  update.bind(1, run.id).bind(2, utc_now()).bind(3, to_string(outcome)).bind(4, error);
  update.bind(5, stored.rows_read).bind(6, stored.filtered).bind(7, stored.done).bind(8, stored.errors);
  update.bind(9, stored.success).bind(10, stored.fail).bind(11, stored.skipped).bind(12, stored.unhandled);
  update.bind(13, stored.uncertain).run();
  transaction.commit();
  std::optional<RunRecord> ended = load_run(run.id);
  if (!ended) throw StateError(path_, fmt::format("run {} is not in the database", run.id));
  return *ended;
}

void StateStore::insert_outcome(const RunRecord& run, const RowRecord& row, std::string_view now) {
  Statement insert = db_->prepare(
      "INSERT INTO row_outcomes (run_id, flow, identity, content_hash, row_number, error, handled, needs_retry, "
      "troubled, recorded_at, held, sends) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  insert.bind(1, run.id).bind(2, run.flow).bind(3, row.identity).bind(4, row.content_hash);
  insert.bind(5, static_cast<std::int64_t>(row.row_number)).bind(6, row.error);
  insert.bind(7, std::int64_t{row.reached_end()}).bind(8, std::int64_t{row.needs_retry()});
  insert.bind(9, std::int64_t{row.troubled()}).bind(10, now).bind(11, std::int64_t{row.held});
  insert.bind(12, sends_json(row.sends)).run();
}

std::string_view held_reason(std::string_view error) {
  if (error.ends_with(kHeldAdvice)) return error.substr(0, error.size() - kHeldAdvice.size());
  return error.substr(0, error.find("; "));  // a row held by an older flowc, whose advice read otherwise
}

// Turns the run's notes into rows, one per row: a send that finished keeps its stored outcome, the
// others become `uncertain`. A row whose notes all allow a repeat stays new, so the next run sends
// it again; any other row is held: marked handled, so no run repeats a send that may have created
// an order, and listed for `flowc retry`. Returns how many sends became uncertain. Runs inside the
// caller's transaction.
std::int64_t StateStore::settle_sends_in_flight(const RunRecord& run) {
  std::map<std::string, DeadRow> rows;  // by identity
  {
    Statement notes = db_->prepare(
        "SELECT identity, content_hash, row_number, send_name, resend_after_crash, outcome FROM sends_in_flight "
        "WHERE run_id = ?1 ORDER BY identity, send_index, started_at");
    notes.bind(1, run.id);
    while (notes.step()) {
      DeadRow& dead = rows[notes.text(0)];
      dead.row.identity = notes.text(0);
      dead.row.content_hash = notes.text(1);
      dead.row.row_number = static_cast<std::uint64_t>(notes.integer(2));
      dead.add(notes.text(3), notes.integer(4) != 0, stored_outcome(notes, 5, path_));
    }
  }
  std::int64_t uncertain = 0;
  const std::string now = utc_now();
  for (auto& [identity, dead] : rows) {
    dead.settle();
    insert_outcome(run, dead.row, now);
    if (dead.row.handled()) mark_handled(run.flow, dead.row.identity, dead.row.content_hash, run.id, now);
    uncertain += dead.uncertain();
  }
  db_->prepare("DELETE FROM sends_in_flight WHERE run_id = ?1").bind(1, run.id).run();
  return uncertain;
}

// Runs of `flow` still `running` belong to dead processes (the caller holds the
// flow's lock): close them as interrupted, with counts from what they recorded.
void StateStore::close_interrupted_runs(const std::string& flow, const std::string& next_run_id) {
  std::vector<RunRecord> dead;
  {
    Statement query = db_->prepare("SELECT id, pid FROM runs WHERE flow = ?1 AND outcome = 'running'");
    query.bind(1, flow);
    while (query.step()) {
      RunRecord& run = dead.emplace_back();
      run.id = query.text(0);
      run.flow = flow;
      run.pid = query.integer(1);
    }
  }
  for (const RunRecord& run : dead) {
    settle_sends_in_flight(run);
    const RunCounts counts = counts_from_outcomes(run.id);
    Statement update = db_->prepare(
        "UPDATE runs SET ended_at = ?2, outcome = 'interrupted', error = ?3, rows_read = ?4, done = ?5, errors = ?6, "
        "success = ?7, fail = ?8, skipped = ?9, unhandled = ?10, uncertain = ?11 WHERE id = ?1");
    update.bind(1, run.id).bind(2, utc_now());
    update.bind(3, fmt::format("pid {} stopped without ending the run; found when run {} began", run.pid, next_run_id));
    update.bind(4, counts.rows_read).bind(5, counts.done).bind(6, counts.errors).bind(7, counts.success);
    update.bind(8, counts.fail).bind(9, counts.skipped).bind(10, counts.unhandled).bind(11, counts.uncertain).run();
  }
}

// What a run recorded before it died. rows_read counts recorded rows only: rows
// filtered out or read but not finished left no trace.
RunCounts StateStore::counts_from_outcomes(const std::string& run_id) {
  RunCounts counts;
  Statement rows = db_->prepare(
      "SELECT count(*), coalesce(sum(handled), 0), coalesce(sum(error != ''), 0) FROM row_outcomes WHERE run_id = ?1");
  if (rows.bind(1, run_id).step()) {
    counts.rows_read = rows.integer(0);
    counts.done = rows.integer(1);
    counts.errors = rows.integer(2);
  }
  Statement sends = db_->prepare(
      "SELECT coalesce(sum(result = 'success'), 0), coalesce(sum(result = 'fail'), 0), "
      "coalesce(sum(result = 'skipped'), 0), coalesce(sum(unhandled), 0), coalesce(sum(result = 'uncertain'), 0) "
      "FROM (SELECT json_extract(s.value, '$.result') AS result, json_extract(s.value, '$.unhandled') AS unhandled "
      "      FROM row_outcomes r, json_each(r.sends) s WHERE r.run_id = ?1)");
  if (sends.bind(1, run_id).step()) {
    counts.success = sends.integer(0);
    counts.fail = sends.integer(1);
    counts.skipped = sends.integer(2);
    counts.unhandled = sends.integer(3);
    counts.uncertain = sends.integer(4);
  }
  return counts;
}

}  // namespace flowc::runtime::state
