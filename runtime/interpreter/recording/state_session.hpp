// One run's use of the state store: open it, take the flow's lock (one run at a time), start
// the run in history, record rows through a StateRecorder, and end the run.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "ir/ir.hpp"
#include "runtime/interpreter/interpreter.hpp"
#include "runtime/state/state_store.hpp"
#include "runtime/interpreter/recording/state_recorder.hpp"

namespace flowc::runtime {

struct StateSessionOptions {
  std::filesystem::path path;
  std::string trigger = "manual";
  bool wait_for_lock = true;  // false: refuse when another run of the flow holds the lock
};

class StateSession {
 public:
  // Throws std::runtime_error when the lock is held and waiting was not allowed, or when the
  // store cannot be opened.
  StateSession(const ir::Flow& flow, const StateSessionOptions& options);

  StateRecorder& recorder() { return *recorder_; }
  state::StateStore& store() { return *store_; }
  // Ends the run as `outcome` (completed, or stopped when it was told to stop meanwhile); the
  // summary's `stopped_because`, if any, is recorded as the run's error.
  void finish(const RunSummary& summary, state::RunOutcome outcome = state::RunOutcome::completed);
  void fail(const std::string& error);

 private:
  std::unique_ptr<state::StateStore> store_;
  std::optional<state::RunLock> lock_;
  std::unique_ptr<StateRecorder> recorder_;
};

// The state file for a command: --state, else $FLOWC_STATE, else .flowc/state.db.
std::filesystem::path state_path(const std::string& flag);

}  // namespace flowc::runtime
