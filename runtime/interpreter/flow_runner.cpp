#include "runtime/interpreter/flow_runner.hpp"

#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "runtime/interpreter/observers.hpp"
#include "base/redactor.hpp"
#include "runtime/interpreter/recording/state_session.hpp"

namespace flowc::runtime {
namespace {

// Records each listed row (the one numbered `only_row`, when set) as done, sending nothing.
RunSummary mark_rows_done(const std::vector<state::RowOutcome>& listed, const FlowRunRequest& request,
                          StateSession& session) {
  RunSummary summary;
  summary.run_id = session.recorder().run().id;
  for (const state::RowOutcome& outcome : listed) {
    if (request.run.only_row && *request.run.only_row != outcome.row.row_number) continue;
    state::RowRecord done;
    done.identity = outcome.row.identity;
    done.content_hash = outcome.row.content_hash;
    done.row_number = outcome.row.row_number;
    session.store().record_row(session.recorder().run(), done);
    ++summary.rows_done;
  }
  return summary;
}

// The identities of every row `run_id` recorded (Again). A run that is not one of this flow's
// ends this run as failed.
std::set<std::string> rows_of_run(const ir::Flow& flow, const std::string& run_id, StateSession& session) {
  state::StateStore& store = session.store();
  const std::optional<state::RunRecord> run = store.get_run(run_id);
  if (!run || run->flow != flow.name) {
    const std::string error = fmt::format("no run {} of flow \"{}\" in {} (see `flowc runs`)", run_id, flow.name,
                                          store.path().string());
    session.fail(error);
    throw std::runtime_error(error);
  }
  std::set<std::string> identities;
  for (const state::RowOutcome& outcome : store.run_rows(run_id)) identities.insert(outcome.row.identity);
  return identities;
}

}  // namespace

FlowRunResult run_flow_with_state(const ir::Flow& flow, FlowRunRequest request, RunObserver& observer) {
  FlowRunResult result;
  request.run.seed_only = request.mode == RunMode::Seed;
  if (request.run.dry_run) {
    result.summary = run_flow(flow, request.run, observer);
    return result;
  }

  StateSessionOptions options;
  options.path = request.state;
  options.trigger = request.trigger;
  options.wait_for_lock = request.wait_for_lock;
  StateSession session(flow, options);
  StateRecorder& recorder = session.recorder();
  request.run.run_id = recorder.run().id;

  if (request.mode == RunMode::MarkDone) {
    const std::vector<state::RowOutcome> listed = session.store().rows_to_retry(flow.name, request.retry_run);
    result.rows_to_retry = listed.size();
    result.summary = mark_rows_done(listed, request, session);
    session.finish(result.summary);
    return result;
  }
  if (request.mode == RunMode::Normal) result.held = session.store().held_rows(flow.name);

  std::set<std::string> retry_rows;
  if (request.mode == RunMode::Retry) {
    for (const auto& outcome : session.store().rows_to_retry(flow.name, request.retry_run)) {
      retry_rows.insert(outcome.row.identity);
    }
    result.rows_to_retry = retry_rows.size();
    request.run.admit_row = [&recorder, &retry_rows](const Row& row) { return recorder.admit_listed(row, retry_rows); };
  } else if (request.mode == RunMode::Again && request.retry_run) {
    retry_rows = rows_of_run(flow, *request.retry_run, session);
    result.rows_to_retry = retry_rows.size();
    request.run.admit_row = [&recorder, &retry_rows](const Row& row) { return recorder.admit_listed(row, retry_rows); };
  } else if (request.mode == RunMode::Again) {
    request.run.admit_row = [&recorder](const Row& row) { return recorder.admit_any(row); };
  } else {
    request.run.admit_row = [&recorder](const Row& row) { return recorder.admit_new(row); };
  }
  request.run.pass_over_row = [&recorder](const Row& row) { recorder.pass_over(row); };
  // An incremental source starts where its last complete poll ended; a retry or a run again reads
  // from the beginning, since the rows it redoes lie before that place.
  const bool incremental = request.mode == RunMode::Normal || request.mode == RunMode::Seed;
  if (incremental) {
    request.run.source_position = [&session, &flow](std::string_view signature) {
      return session.store().source_position(flow.name, signature);
    };
  }

  // The recorder first: a row is stored before it is printed or counted.
  FanOutObserver both({&recorder, &observer});
  try {
    result.summary = run_flow(flow, request.run, both);
  } catch (const std::exception& e) {
    session.fail(redactor().redact(e.what()));
    throw;
  }
  // Told to stop, or stopped by stop_after_failures (which says why in the summary).
  result.stopped = (request.run.stop != nullptr && request.run.stop->load()) || result.summary.stopped_after_failures;
  if (incremental && !result.stopped && result.summary.source_position) {
    // Every row the poll read is recorded by now: a crash before this line re-reads them, handled.
    session.store().save_source_position(recorder.run(), result.summary.source_signature,
                                         *result.summary.source_position);
  }
  session.finish(result.summary, result.stopped ? state::RunOutcome::stopped : state::RunOutcome::completed);
  return result;
}

}  // namespace flowc::runtime
