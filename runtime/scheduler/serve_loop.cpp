#include "runtime/scheduler/serve_loop.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <cstdio>

#include "runtime/interpreter/env_preflight.hpp"
#include "runtime/interpreter/flow_runner.hpp"
#include "base/redactor.hpp"
#include "runtime/state/state_store.hpp"

namespace flowc::runtime::scheduler {
namespace {

TimePoint now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// "2026-11-29T16:24:26.491Z" (the store's run timestamps) as a time point. Read by hand: GCC 12
// at -O2 reports a false maybe-uninitialized inside date::parse.
std::optional<TimePoint> parse_utc_timestamp(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &year, &month, &day, &hour, &minute, &second, &millis) < 6) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return TimePoint{date::sys_days{ymd}} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second} + std::chrono::milliseconds{millis};
}

// When the last run of `flow` that a schedule started began, from history; nullopt when none of
// its recent runs was scheduled or the history cannot be read (then there is simply no catch-up).
std::optional<TimePoint> last_scheduled_run(state::StateStore& store, const std::string& flow) {
  constexpr int kRecentRuns = 50;
  try {
    for (const state::RunRecord& run : store.list_runs(flow, kRecentRuns)) {
      if (run.trigger != "schedule") continue;
      if (const std::optional<TimePoint> started = parse_utc_timestamp(run.started_at)) return started;
    }
  } catch (const std::exception&) {
    // An unreadable history only costs the catch-up run.
  }
  return std::nullopt;
}

std::vector<ScheduledFlow> scheduled(const std::map<std::string, std::shared_ptr<const ir::Flow>>& flows,
                                     const std::filesystem::path& state) {
  std::optional<state::StateStore> store;
  try {
    store.emplace(state);
  } catch (const std::exception&) {
    // Runs report an unusable store themselves; scheduling goes on without catch-up.
  }
  std::vector<ScheduledFlow> out;
  for (const auto& [name, flow] : flows) {
    out.push_back({name, flow->schedules, store ? last_scheduled_run(*store, name) : std::nullopt});
  }
  return out;
}

ServeLog::Fields event_fields(const Event& event) {
  ServeLog::Fields fields{{"flow", event.flow}, {"trigger", event.trigger}, {"due", utc_text(event.due)}};
  if (event.missed > 0) fields.emplace_back("missed", static_cast<std::int64_t>(event.missed));
  if (!event.reason.empty()) fields.emplace_back("reason", event.reason);
  return fields;
}

void add_counts(ServeLog::Fields& fields, const RunSummary& summary) {
  SendCounts sends;
  for (const SendCounts& send : summary.sends) {
    sends.success += send.success;
    sends.fail += send.fail;
    sends.unhandled += send.unhandled;
  }
  auto number = [](std::uint64_t n) { return static_cast<std::int64_t>(n); };
  fields.emplace_back("rows_read", number(summary.rows_read));
  fields.emplace_back("rows_done", number(summary.rows_done));
  fields.emplace_back("rows_handled_before", number(summary.rows_already_handled));
  fields.emplace_back("rows_filtered", number(summary.rows_filtered_out));
  fields.emplace_back("rows_with_errors", number(summary.rows_with_errors));
  fields.emplace_back("sends_ok", number(sends.success));
  fields.emplace_back("sends_failed", number(sends.fail));
  fields.emplace_back("unhandled", number(sends.unhandled));
}

// Who holds the flow's run lock when it is not this process (a forced `flowc run`), as
// "pid 123 since ..."; nullopt when the lock is free. Asked after a run could not start, to tell a
// tick that met another run apart from a real failure.
std::optional<std::string> held_elsewhere(const std::filesystem::path& state, const std::string& flow) {
  try {
    state::StateStore store(state);
    state::RunLock lock = store.run_lock(flow);
    state::LockHolder holder;
    if (lock.try_lock(&holder)) return std::nullopt;
    return holder.pid != 0 ? fmt::format("pid {} since {}", holder.pid, holder.since) : std::string("unknown holder");
  } catch (const std::exception&) {
    return std::nullopt;  // the store itself is the problem: report the original failure
  }
}

}  // namespace

ServeLoop::ServeLoop(ServeOptions options, ServeLog& log) : options_(std::move(options)), log_(log) {}

ServeLoop::~ServeLoop() {
  // Normally empty: run() joins every run it started. A thread still here outlived the stop
  // deadline; it cannot be joined in time, so it is left to end with the process.
  for (auto& [name, thread] : runs_) thread.detach();
}

void ServeLoop::request_stop() {
  std::lock_guard lock(mutex_);
  stop_requested_ = true;
  wake_.notify_all();
}

void ServeLoop::request_reload() {
  std::lock_guard lock(mutex_);
  reload_requested_ = true;
  wake_.notify_all();
}

void ServeLoop::install(FlowSet flows, TimePoint at) {
  flows_.clear();
  for (auto& flow : flows) flows_[flow->name] = std::move(flow);
  scheduler_.set_flows(scheduled(flows_, options_.state), at);
  for (const auto& [name, flow] : flows_) {
    ServeLog::Fields fields{{"flow", name}, {"file", flow->file}};
    for (const ir::Schedule& schedule : flow->schedules) fields.emplace_back("schedule", describe(schedule));
    if (const auto next = scheduler_.next_tick(name)) fields.emplace_back("next", utc_text(*next));
    log_.write("serve", fields);
  }
}

bool ServeLoop::execute(const ir::Flow& flow, const Event& event) {
  log_.write("start", event_fields(event));
  const auto began = std::chrono::steady_clock::now();
  auto seconds = [&began] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count(); };
  FlowRunRequest request;
  request.trigger = event.trigger;
  request.state = options_.state;
  request.wait_for_lock = false;  // a forced `flowc run` holds the flow: skip this tick, do not queue
  request.run.stop = &stop_runs_;
  request.run.connectors = options_.connectors;
  RunObserver quiet;  // serve logs one line per run, not per row
  try {
    // An unset variable would fail every row's send and leave the rows handled by the flow's
    // `if`: the run does not start, and says which variables to set.
    if (const std::vector<EnvRead> unset = unset_env(flow); !unset.empty()) throw RunError(unset_env_message(flow, unset));
    const FlowRunResult result = run_flow_with_state(flow, request, quiet);
    ServeLog::Fields fields{{"flow", flow.name},
                            {"trigger", event.trigger},
                            {"run", result.summary.run_id},
                            {"outcome", std::string(result.stopped ? "stopped" : "completed")}};
    add_counts(fields, result.summary);
    // Rows held since a run died mid-send wait for a person (`flowc retry`): say so every run.
    if (!result.held.empty()) fields.emplace_back("held", static_cast<std::int64_t>(result.held.size()));
    fields.emplace_back("seconds", seconds());
    log_.write("end", fields);
    return true;
  } catch (const std::exception& e) {
    if (const std::optional<std::string> holder = held_elsewhere(options_.state, flow.name)) {
      Event skipped = event;
      skipped.reason = "another run of the flow holds its lock (" + *holder + ")";
      log_.write("skip", event_fields(skipped));
      return false;
    }
    log_.write("end", {{"flow", flow.name},
                       {"trigger", event.trigger},
                       {"outcome", std::string("failed")},
                       {"error", redactor().redact(e.what())},
                       {"seconds", seconds()}});
    return false;
  }
}

void ServeLoop::start(const Event& event) {
  const auto found = flows_.find(event.flow);
  if (found == flows_.end()) {
    scheduler_.finished(event.flow, false, now());
    return;
  }
  std::shared_ptr<const ir::Flow> flow = found->second;  // a reload may replace it while it runs
  runs_[event.flow] = std::thread([this, flow, event] {
    const bool completed = execute(*flow, event);
    std::lock_guard lock(mutex_);
    ended_.push_back({flow->name, completed});
    wake_.notify_all();
  });
}

void ServeLoop::handle(const std::vector<Event>& events) {
  for (const Event& event : events) {
    if (event.kind == Event::Kind::Skip) {
      log_.write("skip", event_fields(event));
    } else {
      start(event);
    }
  }
}

void ServeLoop::collect_ended(std::unique_lock<std::mutex>& lock) {
  while (!ended_.empty()) {
    const Ended ended = ended_.front();
    ended_.erase(ended_.begin());
    std::thread thread = std::move(runs_[ended.flow]);
    runs_.erase(ended.flow);
    lock.unlock();  // the thread is past its last use of the lock, but join outside it anyway
    if (thread.joinable()) thread.join();
    lock.lock();
    if (!stop_requested_) handle(scheduler_.finished(ended.flow, ended.completed, now()));
  }
}

bool ServeLoop::files_changed() {
  if (!options_.fingerprint) return false;
  std::string current = options_.fingerprint();
  if (current == fingerprint_) return false;
  fingerprint_ = std::move(current);
  return true;
}

bool ServeLoop::wait_for_runs(std::unique_lock<std::mutex>& lock) {
  stop_runs_ = true;
  log_.write("stop", {{"runs_in_progress", static_cast<std::int64_t>(runs_.size())}});
  const auto deadline = std::chrono::steady_clock::now() + options_.stop_deadline;
  while (!runs_.empty()) {
    collect_ended(lock);
    if (runs_.empty()) break;
    if (!wake_.wait_until(lock, deadline, [this] { return !ended_.empty(); })) {
      for (const auto& [name, thread] : runs_) {
        log_.write("stop", {{"flow", name}, {"reason", std::string("still running at the stop deadline")}});
      }
      return false;
    }
  }
  return true;
}

bool ServeLoop::run(FlowSet flows) {
  std::unique_lock lock(mutex_);
  if (options_.fingerprint) fingerprint_ = options_.fingerprint();
  install(std::move(flows), now());
  auto next_watch = std::chrono::steady_clock::now() + options_.watch_interval;
  while (!stop_requested_) {
    collect_ended(lock);
    if (stop_requested_) break;
    const bool watch_due = std::chrono::steady_clock::now() >= next_watch;
    if (watch_due) next_watch = std::chrono::steady_clock::now() + options_.watch_interval;
    if (reload_requested_ || (watch_due && files_changed())) {
      reload_requested_ = false;
      log_.write("reload", {});
      if (std::optional<FlowSet> reloaded = options_.reload()) install(std::move(*reloaded), now());
    }
    handle(scheduler_.due(now()));
    // Wake for the next tick, and at least every watch interval: files may change, and after a
    // suspend the system clock has jumped past ticks that then give one catch-up run.
    auto until = std::chrono::system_clock::now() + options_.watch_interval;
    if (const auto tick = scheduler_.next_wake(); tick && *tick < until) until = *tick;
    wake_.wait_until(lock, until, [this] { return stop_requested_ || reload_requested_ || !ended_.empty(); });
  }
  return wait_for_runs(lock);
}

}  // namespace flowc::runtime::scheduler
