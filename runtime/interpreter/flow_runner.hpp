// One run of a flow as every entry point needs it (`flowc run`, `flowc retry`, `flowc serve`):
// state store opened and the flow's lock taken, only new rows admitted (or the rows to retry),
// each row recorded as it finishes, the run ended in history. A dry run touches no state.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "runtime/interpreter/interpreter.hpp"
#include "runtime/state/run_records.hpp"

namespace flowc::runtime {

// MarkDone: the rows `flowc retry` would redo are recorded as done without sending anything, once
// a person has checked that their sends arrived (a held row's order exists, say).
// Again: rows run again on purpose although handled (`flowc run --again`): the row numbered
// RunOptions::only_row, or every row that `retry_run` recorded; each is recorded anew.
enum class RunMode { Normal, Seed, Retry, MarkDone, Again };

struct FlowRunRequest {
  RunMode mode = RunMode::Normal;
  RunOptions run;                  // dry run, limits, account overrides, stop flag
  std::filesystem::path state;     // the state database (unused in a dry run)
  std::string trigger = "manual";  // recorded in history: manual, schedule, after <flow>, retry, seed
  bool wait_for_lock = true;       // false: throw when another run of the flow holds the lock
  std::optional<std::string> retry_run;  // Retry, MarkDone: only rows of this run; Again: this run's rows
};

struct FlowRunResult {
  RunSummary summary;
  std::size_t rows_to_retry = 0;  // Retry, MarkDone, Again with a run: how many rows were listed
  // Normal: rows held since a run died mid-send, still waiting for `flowc retry` (this run
  // did not send them); the caller tells the user.
  std::vector<state::RowOutcome> held;
  // The stop flag (RunOptions::stop) was set when the run ended: it read no further rows, so
  // rows may wait for the next run. History records the run as `stopped`.
  bool stopped = false;
};

// Throws RunError / std::runtime_error for failures outside any send (source unreadable, state
// store corrupt, lock refused); the run is then recorded as failed.
FlowRunResult run_flow_with_state(const ir::Flow& flow, FlowRunRequest request, RunObserver& observer);

}  // namespace flowc::runtime
