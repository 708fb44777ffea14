#include "runtime/scheduler/scheduler.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <set>

namespace flowc::runtime::scheduler {
namespace {

// Enough to say "missed 1000+ ticks" after a long suspend without walking a week of seconds.
constexpr int kMissedCountLimit = 1000;

bool same_schedules(const std::vector<ir::Schedule>& a, const std::vector<ir::Schedule>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
           return x.kind == y.kind && x.every_millis == y.every_millis && x.minutes_of_day == y.minutes_of_day &&
                  x.timezone == y.timezone && x.after == y.after;
         });
}

}  // namespace

void Scheduler::set_flows(const std::vector<ScheduledFlow>& flows, TimePoint now) {
  std::map<std::string, Entry> next;
  for (const ScheduledFlow& flow : flows) {
    const auto old = flows_.find(flow.name);
    if (old != flows_.end() && same_schedules(old->second.schedules, flow.schedules)) {
      next.emplace(flow.name, old->second);
    } else {
      std::optional<TimePoint> missed;
      if (flow.last_scheduled_run) missed = next_fire(flow.schedules, *flow.last_scheduled_run);
      const bool catch_up = missed && *missed <= now;
      next.emplace(flow.name, Entry{flow.schedules, catch_up ? missed : next_fire(flow.schedules, now)});
    }
  }
  flows_ = std::move(next);
}

Event Scheduler::start_or_skip(const std::string& flow, std::string trigger, TimePoint due) {
  Event event;
  event.flow = flow;
  event.trigger = std::move(trigger);
  event.due = due;
  if (running(flow)) {
    event.kind = Event::Kind::Skip;
    event.reason = "the previous run is still going";
  } else {
    running_[flow] = true;
  }
  return event;
}

std::vector<Event> Scheduler::due(TimePoint now) {
  std::vector<Event> events;
  for (auto& [name, entry] : flows_) {
    if (!entry.next || *entry.next > now) continue;
    Event event = start_or_skip(name, "schedule", *entry.next);
    std::optional<TimePoint> tick = next_fire(entry.schedules, *entry.next);
    while (tick && *tick <= now && event.missed < kMissedCountLimit) {
      ++event.missed;
      tick = next_fire(entry.schedules, *tick);
    }
    entry.next = next_fire(entry.schedules, now);
    events.push_back(std::move(event));
  }
  return events;
}

std::vector<Event> Scheduler::finished(const std::string& flow, bool completed, TimePoint now) {
  running_.erase(flow);
  std::vector<Event> events;
  if (!completed) return events;
  for (const auto& [name, entry] : flows_) {
    const bool follows = std::any_of(entry.schedules.begin(), entry.schedules.end(), [&](const ir::Schedule& s) {
      return s.kind == ir::Schedule::Kind::After && s.after == flow;
    });
    if (follows) events.push_back(start_or_skip(name, "after " + flow, now));
  }
  return events;
}

std::optional<TimePoint> Scheduler::next_wake() const {
  std::optional<TimePoint> best;
  for (const auto& [name, entry] : flows_) {
    if (entry.next && (!best || *entry.next < *best)) best = entry.next;
  }
  return best;
}

std::optional<TimePoint> Scheduler::next_tick(const std::string& flow) const {
  const auto found = flows_.find(flow);
  return found == flows_.end() ? std::nullopt : found->second.next;
}

bool Scheduler::running(const std::string& flow) const {
  return running_.count(flow) != 0;
}

std::vector<std::string> after_cycles(const std::vector<ScheduledFlow>& flows) {
  // Edges point from a flow to the flows it runs after; only served flows count.
  std::map<std::string, std::vector<std::string>> runs_after;
  for (const ScheduledFlow& flow : flows) runs_after[flow.name];
  for (const ScheduledFlow& flow : flows) {
    for (const ir::Schedule& schedule : flow.schedules) {
      if (schedule.kind == ir::Schedule::Kind::After && runs_after.count(schedule.after) != 0) {
        runs_after[flow.name].push_back(schedule.after);
      }
    }
  }
  enum class Mark { Unseen, OnPath, Done };
  std::map<std::string, Mark> marks;
  std::vector<std::string> path;
  std::vector<std::string> cycles;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    marks[name] = Mark::OnPath;
    path.push_back(name);
    for (const std::string& next : runs_after[name]) {
      if (marks[next] == Mark::OnPath) {
        // Written in the order runs happen: the flow that goes first leads.
        std::vector<std::string> cycle(std::find(path.begin(), path.end(), next), path.end());
        std::reverse(cycle.begin(), cycle.end());
        cycle.push_back(cycle.front());
        cycles.push_back(fmt::format("{}", fmt::join(cycle, " -> ")));
      } else if (marks[next] == Mark::Unseen) {
        visit(next);
      }
    }
    path.pop_back();
    marks[name] = Mark::Done;
  };
  for (const auto& [name, edges] : runs_after) {
    if (marks[name] == Mark::Unseen) visit(name);
  }
  return cycles;
}

}  // namespace flowc::runtime::scheduler
