// Which served flows are due, as a pure function of the instants it is told: no threads, no
// clock of its own, so overlap, catch-up and `after` chains are tested with any times at all.
// The serve loop asks `due(now)`, starts what it returns, and reports each run's end.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "runtime/scheduler/fire_times.hpp"

namespace flowc::runtime::scheduler {

struct ScheduledFlow {
  std::string name;
  std::vector<ir::Schedule> schedules;
  // When its last scheduled run started (from history), if known: a tick missed since then,
  // while nothing served the flow, gives one catch-up run as soon as it is served.
  std::optional<TimePoint> last_scheduled_run = std::nullopt;
};

struct Event {
  enum class Kind { Start, Skip };
  Kind kind = Kind::Start;
  std::string flow;
  std::string trigger;  // "schedule" or "after <flow>", as history records it
  TimePoint due;        // the tick, or the end of the run that triggered an `after`
  int missed = 0;       // Start: later ticks that passed unrun (a pause) and are folded into this run
  std::string reason;   // Skip: why
};

class Scheduler {
 public:
  // Replaces the served flows. A flow that was served before with the same schedules keeps its
  // next tick; new and changed ones are timed from `now` (their first tick is after `now`), unless
  // a tick fell between their last scheduled run and `now`: that one is due at once.
  // A flow still running keeps its running mark, even when it is no longer served.
  void set_flows(const std::vector<ScheduledFlow>& flows, TimePoint now);

  // The clock ticks that are due at `now`: a Start for each due flow that is idle (it is then
  // marked running), a Skip for each due flow still running (the tick is dropped, not queued).
  // Every due flow's next tick moves past `now`, so the ticks of a long pause give one run.
  std::vector<Event> due(TimePoint now);

  // A run of `flow` ended at `now`. When it completed (did not fail outside its sends), the flows
  // scheduled `after` it start now, or are skipped if they are running.
  std::vector<Event> finished(const std::string& flow, bool completed, TimePoint now);

  // The earliest next tick of any flow; nullopt when no flow is on the clock.
  std::optional<TimePoint> next_wake() const;
  std::optional<TimePoint> next_tick(const std::string& flow) const;
  bool running(const std::string& flow) const;

 private:
  struct Entry {
    std::vector<ir::Schedule> schedules;
    std::optional<TimePoint> next;
  };
  Event start_or_skip(const std::string& flow, std::string trigger, TimePoint due);

  std::map<std::string, Entry> flows_;
  std::map<std::string, bool> running_;
};

// The cycles that `after` schedules form among `flows`, each as its names in order with the first
// repeated at the end ("a -> b -> a"); a cycle would run its flows forever, so serve refuses it.
std::vector<std::string> after_cycles(const std::vector<ScheduledFlow>& flows);

}  // namespace flowc::runtime::scheduler
