// Fire times of each schedule form, computed from given instants (no real clock), including the
// DST changes of a real zone from the system tzdata.
#include "runtime/scheduler/fire_times.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

namespace flowc::runtime::scheduler {
namespace {

// GCC 12 at -O3 reports a false maybe-uninitialized deep inside date::parse (as in
// cli/commands/schedule_command.cpp); date::parse sets the value before anything reads it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
TimePoint utc(const std::string& text) {
  std::istringstream in(text);
  date::sys_time<std::chrono::milliseconds> when;
  in >> date::parse("%FT%TZ", when);
  EXPECT_FALSE(in.fail()) << text;
  return when;
}
#pragma GCC diagnostic pop

ir::Schedule every(std::int64_t millis) {
  ir::Schedule s;
  s.kind = ir::Schedule::Kind::Every;
  s.every_millis = millis;
  return s;
}

ir::Schedule at(std::vector<int> minutes, std::string zone) {
  ir::Schedule s;
  s.kind = ir::Schedule::Kind::At;
  s.minutes_of_day = std::move(minutes);
  s.timezone = std::move(zone);
  return s;
}

std::vector<std::string> next_n(const std::vector<ir::Schedule>& schedules, TimePoint from, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    from = *next_fire(schedules, from);
    out.push_back(utc_text(from));
  }
  return out;
}

TEST(EverySchedule, TicksOnAGridFromTheEpochSoRunTimeNeverShiftsThem) {
  const ir::Schedule quarter = every(15 * 60'000);
  EXPECT_EQ(utc_text(*next_fire(quarter, utc("2026-11-29T16:07:31Z"))), "2026-11-29T16:15:00.000Z");
  // Strictly after: standing on a tick gives the next one.
  EXPECT_EQ(utc_text(*next_fire(quarter, utc("2026-11-29T16:15:00Z"))), "2026-11-29T16:30:00.000Z");
  // A run that ended 40 s late still finds the same grid.
  EXPECT_EQ(utc_text(*next_fire(quarter, utc("2026-11-29T16:15:40Z"))), "2026-11-29T16:30:00.000Z");
}

TEST(AtSchedule, SeveralTimesADayInTheirZone) {
  const ir::Schedule times = at({9 * 60, 18 * 60 + 30}, "Europe/Kyiv");  // UTC+2 in winter
  EXPECT_EQ(next_n({times}, utc("2026-11-29T08:00:00Z"), 4),
            (std::vector<std::string>{"2026-11-29T16:30:00.000Z", "2026-11-30T07:00:00.000Z",
                                      "2026-11-30T16:30:00.000Z", "2026-12-01T07:00:00.000Z"}));
}

TEST(AtSchedule, ASpringForwardGapRunsOnceAtTheJump) {
  // Europe/Kyiv jumps from 03:00 to 04:00 local on 2026-03-29 (01:00 UTC); 03:30 does not exist.
  const ir::Schedule half_past_three = at({3 * 60 + 30}, "Europe/Kyiv");
  EXPECT_EQ(next_n({half_past_three}, utc("2026-03-28T00:00:00Z"), 3),
            (std::vector<std::string>{"2026-03-28T01:30:00.000Z",     // 03:30 EET
                                      "2026-03-29T01:00:00.000Z",     // the jump, 04:00 EEST
                                      "2026-03-30T00:30:00.000Z"}));  // 03:30 EEST
}

TEST(AtSchedule, AFallBackRepeatRunsOnceAtTheFirstOccurrence) {
  // Europe/Kyiv falls back from 04:00 EEST to 03:00 EET on 2026-10-25 (01:00 UTC); 03:30 happens twice.
  const ir::Schedule half_past_three = at({3 * 60 + 30}, "Europe/Kyiv");
  EXPECT_EQ(next_n({half_past_three}, utc("2026-10-24T12:00:00Z"), 2),
            (std::vector<std::string>{"2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"}));
  // Asked between the two occurrences, the repeat is not another run: the next is a day later.
  EXPECT_EQ(utc_text(*next_fire(half_past_three, utc("2026-10-25T01:00:00Z"))), "2026-10-26T01:30:00.000Z");
}

TEST(AtSchedule, UsaZonesToo) {
  // America/New_York springs forward at 02:00 on 2026-03-08: 02:15 runs at 03:00 EDT (07:00 UTC).
  EXPECT_EQ(utc_text(*next_fire(at({2 * 60 + 15}, "America/New_York"), utc("2026-03-08T05:00:00Z"))),
            "2026-03-08T07:00:00.000Z");
}

TEST(Schedules, TheEarliestOfAFlowsSchedulesWinsAndAfterIsNotOnTheClock) {
  ir::Schedule after;
  after.kind = ir::Schedule::Kind::After;
  after.after = "other";
  EXPECT_FALSE(next_fire(after, utc("2026-01-01T00:00:00Z")));
  EXPECT_EQ(
      next_n({every(3'600'000), at({30}, "UTC"), after}, utc("2026-01-01T00:10:00Z"), 3),
      (std::vector<std::string>{"2026-01-01T00:30:00.000Z", "2026-01-01T01:00:00.000Z", "2026-01-01T02:00:00.000Z"}));
}

TEST(Schedules, AZoneTheTzdataDoesNotKnowIsAClearError) {
  EXPECT_THROW(next_fire(at({0}, "Mars/Olympus"), utc("2026-01-01T00:00:00Z")), std::runtime_error);
}

TEST(Schedules, DescribedAsWritten) {
  EXPECT_EQ(describe(every(15 * 60'000)), "every 15m");
  EXPECT_EQ(describe(every(90'000)), "every 90s");
  EXPECT_EQ(describe(at({9 * 60, 18 * 60 + 30}, "Europe/Kyiv")), "at 09:00, 18:30 timezone \"Europe/Kyiv\"");
  EXPECT_EQ(local_time_text(at({0}, "Europe/Kyiv"), utc("2026-03-29T01:00:00Z")), "2026-03-29 04:00:00 EEST");
}

}  // namespace
}  // namespace flowc::runtime::scheduler
