// The Scheduler driven by a clock the test moves by hand: intervals, overlap, catch-up after a
// pause, `after` chains, reloads and cycles. Nothing here sleeps.
#include "runtime/scheduler/scheduler.hpp"

#include <gtest/gtest.h>

namespace flowc::runtime::scheduler {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

// A hand-moved clock, starting on a round instant so grid ticks are easy to read.
struct FakeClock {
  TimePoint now = TimePoint(date_origin());
  static milliseconds date_origin() { return milliseconds(1'800'000'000'000); }  // 2027-01-15T08:00:00Z
  void advance(milliseconds by) { now += by; }
};

ir::Schedule every(milliseconds period) {
  ir::Schedule s;
  s.kind = ir::Schedule::Kind::Every;
  s.every_millis = period.count();
  return s;
}

ir::Schedule after(std::string flow) {
  ir::Schedule s;
  s.kind = ir::Schedule::Kind::After;
  s.after = std::move(flow);
  return s;
}

std::vector<std::string> summary(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) {
    out.push_back((e.kind == Event::Kind::Start ? "start " : "skip ") + e.flow + " (" + e.trigger + ")");
  }
  return out;
}

TEST(Scheduler, AnIntervalFiresOncePerTickAndWaitsBetween) {
  FakeClock clock;
  Scheduler scheduler;
  scheduler.set_flows({{"sync", {every(minutes(15))}}}, clock.now);
  EXPECT_EQ(scheduler.next_wake(), clock.now + minutes(15));
  EXPECT_TRUE(scheduler.due(clock.now).empty());
  clock.advance(minutes(15));
  EXPECT_EQ(summary(scheduler.due(clock.now)), std::vector<std::string>{"start sync (schedule)"});
  EXPECT_TRUE(scheduler.due(clock.now).empty()) << "one tick gave two runs";
  clock.advance(seconds(40));  // the run took 40 s; the next tick stays on the grid
  scheduler.finished("sync", true, clock.now);
  EXPECT_EQ(scheduler.next_wake(), TimePoint(FakeClock::date_origin()) + minutes(30));
}

TEST(Scheduler, ATickWhileTheFlowRunsIsSkippedNotQueued) {
  FakeClock clock;
  Scheduler scheduler;
  scheduler.set_flows({{"slow", {every(seconds(10))}}}, clock.now);
  clock.advance(seconds(10));
  EXPECT_EQ(summary(scheduler.due(clock.now)), std::vector<std::string>{"start slow (schedule)"});
  clock.advance(seconds(10));
  const std::vector<Event> overlap = scheduler.due(clock.now);
  EXPECT_EQ(summary(overlap), std::vector<std::string>{"skip slow (schedule)"});
  EXPECT_EQ(overlap[0].reason, "the previous run is still going");
  clock.advance(seconds(5));
  scheduler.finished("slow", true, clock.now);
  EXPECT_TRUE(scheduler.due(clock.now).empty()) << "the skipped tick was queued";
  clock.advance(seconds(5));
  EXPECT_EQ(summary(scheduler.due(clock.now)), std::vector<std::string>{"start slow (schedule)"});
}

TEST(Scheduler, AfterALongPauseMissedTicksGiveOneCatchUpRun) {
  FakeClock clock;
  Scheduler scheduler;
  scheduler.set_flows({{"sync", {every(minutes(1))}}}, clock.now);
  clock.advance(minutes(60) + seconds(30));  // a laptop suspended for an hour
  const std::vector<Event> events = scheduler.due(clock.now);
  ASSERT_EQ(summary(events), std::vector<std::string>{"start sync (schedule)"});
  EXPECT_EQ(events[0].due, TimePoint(FakeClock::date_origin()) + minutes(1));
  EXPECT_EQ(events[0].missed, 59);
  scheduler.finished("sync", true, clock.now);
  EXPECT_TRUE(scheduler.due(clock.now).empty()) << "a missed tick was replayed";
  EXPECT_EQ(scheduler.next_wake(), TimePoint(FakeClock::date_origin()) + minutes(61));
}

TEST(Scheduler, ATickMissedWhileNothingServedTheFlowGivesOneRunAtStart) {
  FakeClock clock;
  const TimePoint last_run = clock.now - std::chrono::hours(5) - seconds(1);  // serve was down for hours
  Scheduler scheduler;
  scheduler.set_flows({{"sync", {every(minutes(15))}, last_run}}, clock.now);
  const std::vector<Event> events = scheduler.due(clock.now);
  ASSERT_EQ(summary(events), std::vector<std::string>{"start sync (schedule)"});
  EXPECT_EQ(events[0].due, TimePoint(FakeClock::date_origin()) - std::chrono::hours(5));
  EXPECT_EQ(events[0].missed, 20);
  scheduler.finished("sync", true, clock.now);
  EXPECT_TRUE(scheduler.due(clock.now).empty());
  EXPECT_EQ(scheduler.next_wake(), clock.now + minutes(15));
}

TEST(Scheduler, NoCatchUpWhenTheLastRunTookTheLatestTick) {
  FakeClock clock;  // on a tick; the last run started a second after it, serve restarts 5 minutes later
  Scheduler restarted;
  restarted.set_flows({{"sync", {every(minutes(15))}, clock.now + seconds(1)}}, clock.now + minutes(5));
  EXPECT_TRUE(restarted.due(clock.now + minutes(5)).empty()) << "a run that took its tick was repeated";
  EXPECT_EQ(restarted.next_wake(), clock.now + minutes(15));
}

TEST(Scheduler, AfterChainsRunWhenTheirFlowCompletes) {
  FakeClock clock;
  Scheduler scheduler;
  scheduler.set_flows({{"clients", {every(minutes(5))}}, {"orders", {after("clients")}}, {"report", {after("orders")}}},
                      clock.now);
  EXPECT_EQ(scheduler.next_wake(), clock.now + minutes(5));
  clock.advance(minutes(5));
  EXPECT_EQ(summary(scheduler.due(clock.now)), std::vector<std::string>{"start clients (schedule)"});
  clock.advance(seconds(3));
  EXPECT_EQ(summary(scheduler.finished("clients", true, clock.now)),
            std::vector<std::string>{"start orders (after clients)"});
  // A failed run (outside its sends) does not trigger what follows it.
  EXPECT_TRUE(scheduler.finished("orders", false, clock.now).empty());
  clock.advance(minutes(5));
  scheduler.due(clock.now);
  scheduler.finished("clients", true, clock.now);
  EXPECT_EQ(summary(scheduler.finished("orders", true, clock.now)),
            std::vector<std::string>{"start report (after orders)"});
}

TEST(Scheduler, AnAfterRunThatFindsItsFlowBusyIsSkipped) {
  FakeClock clock;
  Scheduler scheduler;
  scheduler.set_flows({{"a", {every(minutes(1))}}, {"b", {every(minutes(1)), after("a")}}}, clock.now);
  clock.advance(minutes(1));
  EXPECT_EQ(summary(scheduler.due(clock.now)), (std::vector<std::string>{"start a (schedule)", "start b (schedule)"}));
  EXPECT_EQ(summary(scheduler.finished("a", true, clock.now)), std::vector<std::string>{"skip b (after a)"});
}

TEST(Scheduler, AReloadKeepsTheTicksOfUnchangedFlows) {
  FakeClock clock;
  Scheduler scheduler;
  scheduler.set_flows({{"kept", {every(minutes(10))}}, {"changed", {every(minutes(10))}}}, clock.now);
  clock.advance(minutes(10));
  scheduler.due(clock.now);  // both start
  clock.advance(minutes(3));
  scheduler.set_flows({{"kept", {every(minutes(10))}}, {"changed", {every(minutes(4))}}, {"new", {every(minutes(4))}}},
                      clock.now);
  EXPECT_EQ(scheduler.next_tick("kept"), TimePoint(FakeClock::date_origin()) + minutes(20));
  EXPECT_EQ(scheduler.next_tick("changed"), TimePoint(FakeClock::date_origin()) + minutes(16));
  EXPECT_TRUE(scheduler.running("kept")) << "a reload forgot a run in flight";
  clock.advance(minutes(3));
  EXPECT_EQ(summary(scheduler.due(clock.now)),
            (std::vector<std::string>{"skip changed (schedule)", "start new (schedule)"}));
}

TEST(Scheduler, DroppedFlowsNoLongerFire) {
  FakeClock clock;
  Scheduler scheduler;
  scheduler.set_flows({{"gone", {every(minutes(1))}}}, clock.now);
  scheduler.set_flows({}, clock.now);
  clock.advance(minutes(5));
  EXPECT_TRUE(scheduler.due(clock.now).empty());
  EXPECT_FALSE(scheduler.next_wake());
}

TEST(AfterCycles, CyclesAmongServedFlowsAreFound) {
  EXPECT_EQ(after_cycles({{"a", {after("b")}}, {"b", {after("a")}}}), std::vector<std::string>{"b -> a -> b"});
  EXPECT_EQ(after_cycles({{"a", {after("c")}}, {"b", {after("a")}}, {"c", {after("b")}}}).size(), 1u);
  // A chain is fine, and so is `after` a flow that is not served here.
  EXPECT_TRUE(after_cycles({{"a", {every(minutes(1))}}, {"b", {after("a")}}, {"c", {after("b"), after("x")}}}).empty());
}

}  // namespace
}  // namespace flowc::runtime::scheduler
