#include "runtime/interpreter/recording/state_session.hpp"

#include <fmt/format.h>

namespace flowc::runtime {



std::filesystem::path state_path(const std::string& flag) {
  return state::choose_state_path(flag.empty() ? std::nullopt : std::optional<std::string>(flag));
}

StateSession::StateSession(const ir::Flow& flow, const StateSessionOptions& options)
    : store_(std::make_unique<state::StateStore>(options.path)) {
  lock_.emplace(store_->run_lock(flow.name));
  state::LockHolder holder;
  if (!lock_->try_lock(&holder)) {
    const std::string who = holder.pid != 0 ? fmt::format(" (pid {} since {})", holder.pid, holder.since) : "";
    if (!options.wait_for_lock) throw std::runtime_error(fmt::format("flow \"{}\" is already running{}", flow.name, who));
    fmt::print(stderr, "flow \"{}\" is already running{}; waiting for it to finish...\n", flow.name, who);
    lock_->lock();
  }
  state::RunStart start;
  start.flow = flow.name;
  start.flow_file = flow.file;
  start.trigger = options.trigger;
  recorder_ = std::make_unique<StateRecorder>(flow, *store_, store_->begin_run(*lock_, start));
}

void StateSession::finish(const RunSummary& summary, state::RunOutcome outcome) {
  store_->end_run(recorder_->run(), outcome, StateRecorder::counts(summary), summary.stopped_because);
}

void StateSession::fail(const std::string& error) {
  store_->end_run(recorder_->run(), state::RunOutcome::failed, {}, error);
}

}  // namespace flowc::runtime
