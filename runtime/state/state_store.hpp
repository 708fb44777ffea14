// The state store: which rows each flow has handled ("new rows exactly once"),
// the history of runs with each row's outcome, and what to retry. One SQLite file
// (WAL mode) shared by every flow of a project; see docs/state.md.
//
// The guarantee: a row is marked handled only by record_row(), in the same
// transaction that stores its outcome, so a crash never leaves one without the
// other. A send that was in flight when a run died is recorded as `uncertain` by
// the next run of the flow: its row stays new when repeating the send is harmless,
// and is held for `flowc retry` otherwise, so no crash creates an order twice.
//
// Thread-safe: calls are serialized by one mutex, so rows in flight concurrently
// may record from several threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/state/row_identity.hpp"
#include "runtime/state/run_lock.hpp"
#include "runtime/state/run_records.hpp"

namespace flowc::runtime::state {

class Database;
class Statement;

// `full` makes every commit reach the disk (fsync) before the call returns, so a
// power loss cannot undo a recorded row after its send went out. `normal` is safe
// against the process crashing (kill -9) but not the machine: the last commits
// may be lost on power loss. A commit costs an fsync (~1 ms on SSD); a send costs
// a network round trip, so `full` is the default. In-flight notes never wait for
// an fsync (see note_send_started), so a row costs one.
enum class Durability { full, normal };

struct StateOptions {
  Durability durability = Durability::full;
  // How long to wait for another process's write transaction before giving up.
  std::chrono::milliseconds busy_timeout{10'000};
};

// `.flowc/state.db` under the working directory.
std::filesystem::path default_state_path();
// The state file to use: the --state flag, else $FLOWC_STATE, else the default.
std::filesystem::path choose_state_path(const std::optional<std::string>& state_flag);

struct RunStart {
  std::string flow;  // the flow's name: its identity in the store
  std::string flow_file;
  std::string trigger;            // "manual", "schedule", "after <flow>", "retry", "seed", ...
  std::optional<std::string> id;  // generated (sortable by time) when unset
};

// Why a held row is held ("the run ended while `create` was in flight"): its error up to the
// advice that every held row's error ends with, after "; ".
std::string_view held_reason(std::string_view error);

class StateStore {
 public:
  // Opens or creates the database at `path`, creating its directory, and brings
  // its schema up to date. Throws StateError.
  explicit StateStore(const std::filesystem::path& path, StateOptions options = {});
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // The flow's run lock, kept beside the database in `locks/`. Not taken yet.
  RunLock run_lock(const std::string& flow) const;

  // --- New rows ---------------------------------------------------------------
  bool is_handled(std::string_view flow, std::string_view identity);
  // The content hash the row had when handled (for `changed = true`), or nullopt
  // when the row was never handled. The answers share one snapshot until this
  // store's next write: another process's writes show after that (none can touch a
  // running flow's rows, as it holds the flow's lock).
  std::optional<std::string> handled_content_hash(std::string_view flow, std::string_view identity);
  // Marks rows handled without sending anything (`flowc run --seed`), all in one
  // transaction: a batch is either entirely seeded or not at all. Rows already
  // handled take the given content hash.
  void seed(std::string_view flow, std::span<const RowId> rows);

  // --- Incremental sources (source_positions.cpp) -------------------------------
  // Where the flow's source stopped reading at its last complete poll, if that was saved for the
  // source with this `signature` (its connector, action and fields); nullopt otherwise.
  std::optional<std::string> source_position(std::string_view flow, std::string_view signature);
  // Saves it, replacing the last, once every row the poll read is recorded (the caller's part):
  // a crash before then leaves the old position, and the rows read again are already handled.
  void save_source_position(const RunRecord& run, std::string_view signature, std::string_view position);

  // --- Runs (the caller holds the flow's RunLock) ------------------------------
  // Starts a run. Runs of the flow still marked `running` died without ending (the
  // lock proves no live process runs them): they are closed as `interrupted`, their
  // sends in flight recorded as `uncertain` and their finished sends with their
  // outcomes (rows held or left new, see note_send_started). Throws std::logic_error when
  // `lock` is not the held lock of `start.flow`.
  RunRecord begin_run(const RunLock& lock, const RunStart& start);
  // Call before a send goes out (the runner does so for sends that must not be
  // repeated; see StateRecorder); the row's record_row() clears the note.
  // Uses the row's identity, content hash and number. The note is committed
  // without an fsync even under `full`: it survives a process crash, and the next
  // fsync (the row's record) makes it durable. Losing it to a power cut changes
  // only how the resend is reported, since an unrecorded row runs again anyway.
  // `resend_after_crash`: repeating the send is harmless, so if the run dies
  // before the row is recorded, the row stays new and the next run sends it again.
  // Otherwise the row is held: handled, with its uncertain send listed for `flowc retry`.
  // One send alone: its send_index is 0 (note_sends_started takes each note's).
  void note_send_started(const RunRecord& run, const RowRecord& row, std::string_view send,
                         bool resend_after_crash);
  // note_send_started for several sends in one commit (not synced, as above). A note with a
  // `finished` outcome stores it on the send's note (noting the send first if it was not): if the
  // run dies before the row is recorded, that send is listed with its outcome, not as uncertain,
  // and a held row's error names the send that was really in flight, and the sends that must
  // not be repeated that had run.
  void note_sends_started(const RunRecord& run, std::span<const SendNote> notes);
  // Stores the row's outcome and, when it reached its end, marks it handled: one
  // transaction, one fsync (under `full`).
  void record_row(const RunRecord& run, const RowRecord& row);
  // record_row for several finished rows in one transaction (one fsync): all of
  // them are recorded, or none is. The runner passes the rows that finished
  // within a few milliseconds (group commit), and `notes` (stored first) of sends
  // harmless to repeat whose rows are still in flight.
  void record_rows(const RunRecord& run, std::span<const RowRecord> rows, std::span<const SendNote> notes = {});
  // Ends a run. Sends still noted as in flight (a row never recorded) become
  // `uncertain` rows and are added to counts.uncertain. Returns the stored run.
  RunRecord end_run(const RunRecord& run, RunOutcome outcome, const RunCounts& counts, std::string_view error = {});

  // --- Queries for the CLI ---------------------------------------------------
  // Newest first; all flows when `flow` is unset.
  std::vector<RunRecord> list_runs(const std::optional<std::string>& flow, int limit);
  std::optional<RunRecord> get_run(std::string_view run_id);
  // The run's rows, troubled ones (error, fail or uncertain send) first, then in
  // the order recorded.
  std::vector<RowOutcome> run_rows(std::string_view run_id);
  // Rows of the flow (of one run, when given) whose latest outcome there needs a
  // retry and that no later outcome settled: `flowc retry` re-reads the source,
  // redoes the rows with these identities and records them again in a new run
  // (trigger "retry"); a clean new outcome removes a row from this list.
  std::vector<RowOutcome> rows_to_retry(std::string_view flow, const std::optional<std::string>& run_id = {});
  // The rows_to_retry() that are held: their send may have reached the service when
  // a run died, and waits for a person to check and `flowc retry` it.
  std::vector<RowOutcome> held_rows(std::string_view flow);

 private:
  // `now`: the transaction's timestamp, formatted once for all the rows it writes.
  void insert_note(const RunRecord& run, const SendNote& note, std::string_view now);
  void mark_handled(std::string_view flow, std::string_view identity, std::string_view content_hash,
                    std::optional<std::string_view> run_id, std::string_view now);
  void insert_outcome(const RunRecord& run, const RowRecord& row, std::string_view now);
  std::int64_t settle_sends_in_flight(const RunRecord& run);
  void close_interrupted_runs(const std::string& flow, const std::string& next_run_id);
  RunCounts counts_from_outcomes(const std::string& run_id);
  std::optional<RunRecord> load_run(std::string_view run_id);
  std::vector<RowOutcome> load_outcomes(Statement& query);

  std::filesystem::path path_;
  Durability durability_;
  std::unique_ptr<Database> db_;
  std::mutex mutex_;
};

}  // namespace flowc::runtime::state
