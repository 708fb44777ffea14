#include "runtime/flow_runner.hpp"

#include <set>

#include "runtime/observers.hpp"
#include "runtime/redactor.hpp"
#include "runtime/state_session.hpp"

namespace flowc::runtime {

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

  std::set<std::string> retry_rows;
  if (request.mode == RunMode::Retry) {
    for (const auto& outcome : session.store().rows_to_retry(flow.name, request.retry_run)) {
      retry_rows.insert(outcome.row.identity);
    }
    result.rows_to_retry = retry_rows.size();
    request.run.admit_row = [&recorder, &retry_rows](const Row& row) { return recorder.admit_listed(row, retry_rows); };
  } else {
    request.run.admit_row = [&recorder](const Row& row) { return recorder.admit_new(row); };
  }

  // The recorder first: a row is stored before it is printed or counted.
  FanOutObserver both({&recorder, &observer});
  try {
    result.summary = run_flow(flow, request.run, both);
  } catch (const std::exception& e) {
    session.fail(redactor().redact(e.what()));
    throw;
  }
  session.finish(result.summary);
  return result;
}

}  // namespace flowc::runtime
