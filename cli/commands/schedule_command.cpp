// `flowc schedule FILE [--next N] [--from TIME]` prints when a flow's `schedule` lines would run
// next, in UTC and in each schedule's own zone (in the spirit of `systemd-analyze calendar`).
#include <date/date.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "cli/flows/load_flow.hpp"
#include "runtime/scheduler/fire_times.hpp"

namespace flowc::cli {
namespace {

using runtime::scheduler::TimePoint;

struct ScheduleCommandOptions {
  std::string file;
  int next = 5;
  std::string from;
};

// "2026-03-29T00:30:00Z", "2026-03-29 00:30", "2026-03-29T03:30+03:00", "2026-03-29": UTC unless
// an offset is given.
// GCC 12 at -O2 reports a false maybe-uninitialized deep inside date::parse (in <chrono>);
// date::parse sets the value before anything reads it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
std::optional<TimePoint> parse_time(const std::string& text) {
  for (const char* format :
       {"%FT%T%Ez", "%F %T%Ez", "%FT%R%Ez", "%F %R%Ez", "%FT%TZ", "%FT%RZ", "%FT%T", "%F %T", "%FT%R", "%F %R", "%F"}) {
    std::istringstream in(text);
    date::sys_time<std::chrono::milliseconds> when;
    in >> date::parse(format, when);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return when;
  }
  return std::nullopt;
}
#pragma GCC diagnostic pop

int schedule_command(const ScheduleCommandOptions& options) {
  const LoadedFlow loaded = load_flow(options.file);
  const ir::Flow* flow = &loaded.flow;
  TimePoint from = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  if (!options.from.empty()) {
    const std::optional<TimePoint> parsed = parse_time(options.from);
    if (!parsed) {
      throw UsageError(fmt::format("--from: cannot read \"{}\" as a time (e.g. 2026-03-29T00:30:00Z)", options.from));
    }
    from = *parsed;
  }

  fmt::print("flow \"{}\" ({})\n", flow->name, flow->file);
  if (flow->schedules.empty()) {
    fmt::print("  no schedule line: the flow runs only with `flowc run`\n");
    return kExitOk;
  }
  bool on_clock = false;
  for (const ir::Schedule& schedule : flow->schedules) {
    const bool after = schedule.kind == ir::Schedule::Kind::After;
    on_clock = on_clock || !after;
    fmt::print("  schedule {}{}\n", runtime::scheduler::describe(schedule),
               after ? ": each time a run of that flow completes" : "");
  }
  if (!on_clock) return kExitOk;

  // A zone the system's tzdata lacks throws: a system failure (exit code 4), reported by main.
  fmt::print("\nnext {} run{} after {}:\n", options.next, options.next == 1 ? "" : "s",
             runtime::scheduler::utc_text(from));
  TimePoint at = from;
  for (int i = 0; i < options.next; ++i) {
    at = *runtime::scheduler::next_fire(flow->schedules, at);
    const TimePoint previous = at - std::chrono::milliseconds(1);
    // Name every schedule that fires then (they give one run), with the local time of a zoned one.
    std::vector<std::string> names;
    const ir::Schedule* shown = nullptr;
    for (const ir::Schedule& schedule : flow->schedules) {
      if (runtime::scheduler::next_fire(schedule, previous) != at) continue;
      names.push_back(runtime::scheduler::describe(schedule));
      if (shown == nullptr || schedule.kind == ir::Schedule::Kind::At) shown = &schedule;
    }
    fmt::print("  {}  {:<26}  {}\n", runtime::scheduler::utc_text(at),
               runtime::scheduler::local_time_text(*shown, at), fmt::join(names, " + "));
  }
  return kExitOk;
}

}  // namespace

void register_schedule_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ScheduleCommandOptions>();
  CLI::App* schedule = app.add_subcommand("schedule", "Print the next times a flow's `schedule` lines would run it");
  schedule->add_option("file", options->file, "The .flow file or IR .json file")->required()->check(CLI::ExistingFile);
  schedule->add_option("--next", options->next, "How many run times to print (default 5)")
      ->check(CLI::Range(1, 10'000));
  schedule->add_option("--from", options->from, "Start from this time instead of now (UTC unless an offset is given)");
  schedule->callback([options, &exit_code] { exit_code = schedule_command(*options); });
}

}  // namespace flowc::cli
