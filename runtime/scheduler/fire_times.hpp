// When a flow's `schedule` lines fire: pure functions of a schedule and an instant, so that
// `flowc schedule`, the Scheduler and the tests agree and no one needs a real clock.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "ir/ir.hpp"

namespace flowc::runtime::scheduler {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

// The first instant strictly after `after` at which `schedule` fires; nullopt for `after "flow"`,
// which fires on another flow's run, not on the clock.
//  - every D: the multiples of D since the Unix epoch, so ticks never drift with run time and
//    a restart keeps the same ticks (every 15m fires at :00, :15, :30 and :45 UTC).
//  - at HH:MM timezone Z: that wall-clock time in Z (empty: the machine's zone) each day. A time
//    that a spring-forward skips fires once, at the instant the clocks jump; a time that an
//    autumn fall-back repeats fires once, at its first occurrence.
// Throws std::runtime_error for a time zone that the system tzdata does not know.
std::optional<TimePoint> next_fire(const ir::Schedule& schedule, TimePoint after);

// The earliest next_fire over all of a flow's clock schedules; nullopt when none is on the clock.
std::optional<TimePoint> next_fire(const std::vector<ir::Schedule>& schedules, TimePoint after);

// The schedule as written: "every 15m", "at 09:00, 18:30 timezone \"Europe/Kyiv\"", "after \"x\"".
std::string describe(const ir::Schedule& schedule);

// "2026-03-29 03:00:00 EEST" in the schedule's zone (At), else "2026-03-29 01:00:00 UTC".
std::string local_time_text(const ir::Schedule& schedule, TimePoint when);

// "2026-03-29T01:00:00.000Z"
std::string utc_text(TimePoint when);

}  // namespace flowc::runtime::scheduler
