#include "runtime/scheduler/fire_times.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace flowc::runtime::scheduler {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

const date::time_zone* zone_named(const std::string& name) {
  try {
    return name.empty() ? date::current_zone() : date::locate_zone(name);
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("time zone \"{}\" is unknown to the system tzdata: {}",
                                         name.empty() ? "(machine's)" : name, e.what()));
  }
}

TimePoint next_every(std::int64_t every_millis, TimePoint after) {
  const std::int64_t since_epoch = after.time_since_epoch().count();
  // Floor division, so instants before the epoch (only in tests) land on the same grid.
  std::int64_t ticks = since_epoch / every_millis;
  if (since_epoch < 0 && since_epoch % every_millis != 0) --ticks;
  return TimePoint(milliseconds((ticks + 1) * every_millis));
}

TimePoint next_at(const std::vector<int>& minutes_of_day, const std::string& timezone, TimePoint after) {
  const date::time_zone* zone = zone_named(timezone);
  const auto local_day = date::floor<date::days>(zone->to_local(after));
  std::optional<TimePoint> best;
  // Yesterday's late times can still lie ahead of `after` across an offset change, and a day
  // later always holds every time, so three local days cover every case.
  for (int offset = -1; offset <= 1; ++offset) {
    for (const int minute : minutes_of_day) {
      const auto local = local_day + date::days(offset) + minutes(minute);
      // A skipped local time maps to the jump itself; a repeated one to its first occurrence.
      const TimePoint instant = date::floor<milliseconds>(zone->to_sys(local, date::choose::earliest));
      if (instant > after && (!best || instant < *best)) best = instant;
    }
  }
  if (!best) throw std::logic_error("no fire time within three days");
  return *best;
}

std::string duration_text(std::int64_t millis) {
  struct Unit {
    std::int64_t millis;
    const char* suffix;
  };
  for (const Unit unit : {Unit{86'400'000, "d"}, Unit{3'600'000, "h"}, Unit{60'000, "m"}, Unit{1'000, "s"}}) {
    if (millis % unit.millis == 0) return fmt::format("{}{}", millis / unit.millis, unit.suffix);
  }
  return fmt::format("{}ms", millis);
}

}  // namespace

std::optional<TimePoint> next_fire(const ir::Schedule& schedule, TimePoint after) {
  switch (schedule.kind) {
    case ir::Schedule::Kind::Every:
      if (schedule.every_millis <= 0) throw std::runtime_error("an interval must be positive");
      return next_every(schedule.every_millis, after);
    case ir::Schedule::Kind::At:
      if (schedule.minutes_of_day.empty()) return std::nullopt;
      return next_at(schedule.minutes_of_day, schedule.timezone, after);
    case ir::Schedule::Kind::After: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<TimePoint> next_fire(const std::vector<ir::Schedule>& schedules, TimePoint after) {
  std::optional<TimePoint> best;
  for (const ir::Schedule& schedule : schedules) {
    const std::optional<TimePoint> next = next_fire(schedule, after);
    if (next && (!best || *next < *best)) best = next;
  }
  return best;
}

std::string describe(const ir::Schedule& schedule) {
  switch (schedule.kind) {
    case ir::Schedule::Kind::Every: return "every " + duration_text(schedule.every_millis);
    case ir::Schedule::Kind::At: {
      std::string text = "at ";
      for (std::size_t i = 0; i < schedule.minutes_of_day.size(); ++i) {
        const int minute = schedule.minutes_of_day[i];
        text += fmt::format("{}{:02}:{:02}", i == 0 ? "" : ", ", minute / 60, minute % 60);
      }
      if (!schedule.timezone.empty()) text += fmt::format(" timezone \"{}\"", schedule.timezone);
      return text;
    }
    case ir::Schedule::Kind::After: return fmt::format("after \"{}\"", schedule.after);
  }
  return {};
}

std::string local_time_text(const ir::Schedule& schedule, TimePoint when) {
  const auto seconds = date::floor<std::chrono::seconds>(when);
  if (schedule.kind != ir::Schedule::Kind::At) return date::format("%F %T UTC", seconds);
  return date::format("%F %T %Z", date::make_zoned(zone_named(schedule.timezone), seconds));
}

std::string utc_text(TimePoint when) {
  return date::format("%FT%TZ", when);
}

}  // namespace flowc::runtime::scheduler
