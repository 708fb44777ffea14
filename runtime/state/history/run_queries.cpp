// Reading run history back for the CLI: runs, a run's rows, rows to retry.
#include <fmt/format.h>

#include "runtime/state/history/send_records_json.hpp"
#include "runtime/state/sqlite/sqlite_db.hpp"
#include "runtime/state/state_error.hpp"
#include "runtime/state/state_store.hpp"

namespace flowc::runtime::state {
namespace {

constexpr std::string_view kRunColumns =
    "id, flow, flow_file, trigger, pid, started_at, ended_at, outcome, error, rows_read, filtered, done, errors, "
    "success, fail, skipped, unhandled, uncertain";

RunRecord read_run(const Statement& row) {
  RunRecord run;
  run.id = row.text(0);
  run.flow = row.text(1);
  run.flow_file = row.text(2);
  run.trigger = row.text(3);
  run.pid = row.integer(4);
  run.started_at = row.text(5);
  run.ended_at = row.optional_text(6);
  run.outcome = parse_run_outcome(row.text(7));
  run.error = row.text(8);
  RunCounts& counts = run.counts;
  std::int64_t* const fields[] = {&counts.rows_read, &counts.filtered,  &counts.done,
                                  &counts.errors,    &counts.success,   &counts.fail,
                                  &counts.skipped,   &counts.unhandled, &counts.uncertain};
  int column = 9;
  for (std::int64_t* field : fields) *field = row.integer(column++);
  return run;
}

constexpr std::string_view kOutcomeColumns =
    "o.id, o.run_id, o.flow, o.identity, o.content_hash, o.row_number, o.error, o.handled, o.needs_retry, "
    "o.recorded_at, o.held, o.sends";

RowOutcome read_outcome(const Statement& row, const std::filesystem::path& path) {
  RowOutcome outcome;
  outcome.id = row.integer(0);
  outcome.run_id = row.text(1);
  outcome.flow = row.text(2);
  outcome.row.identity = row.text(3);
  outcome.row.content_hash = row.text(4);
  outcome.row.row_number = static_cast<std::uint64_t>(row.integer(5));
  outcome.row.error = row.text(6);
  outcome.handled = row.integer(7) != 0;
  outcome.needs_retry = row.integer(8) != 0;
  outcome.recorded_at = row.text(9);
  outcome.row.held = row.integer(10) != 0;
  try {
    outcome.row.sends = parse_sends_json(row.text(11));
  } catch (const std::invalid_argument& error) {
    throw StateError(path, fmt::format("row outcome {}: {}", outcome.id, error.what()));
  }
  return outcome;
}

}  // namespace

std::vector<RunRecord> StateStore::list_runs(const std::optional<std::string>& flow, int limit) {
  std::lock_guard guard(mutex_);
  // rowid is insertion order: newest first even for caller-chosen run ids.
  Statement query = db_->prepare(
      fmt::format("SELECT {} FROM runs WHERE ?1 IS NULL OR flow = ?1 ORDER BY rowid DESC LIMIT ?2", kRunColumns));
  query.bind_optional(1, flow).bind(2, std::int64_t{limit});
  std::vector<RunRecord> runs;
  while (query.step()) runs.push_back(read_run(query));
  return runs;
}

std::optional<RunRecord> StateStore::get_run(std::string_view run_id) {
  std::lock_guard guard(mutex_);
  return load_run(run_id);
}

std::optional<RunRecord> StateStore::load_run(std::string_view run_id) {
  Statement query = db_->prepare(fmt::format("SELECT {} FROM runs WHERE id = ?1", kRunColumns));
  if (!query.bind(1, run_id).step()) return std::nullopt;
  return read_run(query);
}

std::vector<RowOutcome> StateStore::run_rows(std::string_view run_id) {
  std::lock_guard guard(mutex_);
  Statement query = db_->prepare(
      fmt::format("SELECT {} FROM row_outcomes o WHERE o.run_id = ?1 ORDER BY o.troubled DESC, o.id", kOutcomeColumns));
  query.bind(1, run_id);
  return load_outcomes(query);
}

std::vector<RowOutcome> StateStore::rows_to_retry(std::string_view flow, const std::optional<std::string>& run_id) {
  std::lock_guard guard(mutex_);
  // Per identity: the latest outcome that needs a retry (within the run, when one
  // is given), unless a later outcome anywhere settled the row.
  Statement query = db_->prepare(fmt::format(R"sql(
      SELECT {} FROM row_outcomes o
      WHERE o.flow = ?1 AND o.needs_retry = 1 AND (?2 IS NULL OR o.run_id = ?2)
        AND o.id = (SELECT max(m.id) FROM row_outcomes m
                    WHERE m.flow = o.flow AND m.identity = o.identity AND m.needs_retry = 1
                      AND (?2 IS NULL OR m.run_id = ?2))
        AND NOT EXISTS (SELECT 1 FROM row_outcomes later
                        WHERE later.flow = o.flow AND later.identity = o.identity AND later.id > o.id
                          AND later.needs_retry = 0)
      ORDER BY o.id)sql",
                                             kOutcomeColumns));
  query.bind(1, flow).bind_optional(2, run_id);
  return load_outcomes(query);
}

std::vector<RowOutcome> StateStore::held_rows(std::string_view flow) {
  std::vector<RowOutcome> held = rows_to_retry(flow, std::nullopt);
  std::erase_if(held, [](const RowOutcome& outcome) { return !outcome.row.held; });
  return held;
}

std::vector<RowOutcome> StateStore::load_outcomes(Statement& query) {
  std::vector<RowOutcome> outcomes;
  while (query.step()) outcomes.push_back(read_outcome(query, path_));
  return outcomes;
}

}  // namespace flowc::runtime::state
