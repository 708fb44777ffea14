// `schedule ...` lines and the `settings { ... }` block.
#include <date/tz.h>
#include <fmt/format.h>

#include <cmath>
#include <set>

#include "compiler/check/check_context.hpp"
#include "compiler/check/suggest.hpp"

namespace flowc::check {
namespace {

bool known_time_zone(const std::string& name) {
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;  // locate_zone throws std::runtime_error for an unknown name
  }
}

std::vector<std::string> time_zone_names() {
  std::vector<std::string> names;
  try {
    for (const date::time_zone& zone : date::get_tzdb().zones) names.push_back(zone.name());
  } catch (const std::exception&) {
    // no time zone database: no suggestion
  }
  return names;
}

void check_every(Context& ctx, const ast::Schedule& schedule) {
  const std::optional<std::int64_t> millis =
      schedule.every.kind == ast::Value::Kind::Duration ? checked_duration_millis(schedule.every) : std::nullopt;
  if (!millis || *millis <= 0) {
    ctx.error(codes::kBadInterval, schedule.every.span,
              "a schedule interval must be a positive duration of at most 100 years", "e.g. `schedule every 15m`");
  }
}

void check_at(Context& ctx, const ast::Schedule& schedule) {
  for (const ast::TimeOfDay& time : schedule.times) {
    if (time.hour < 0 || time.hour > 23 || time.minute < 0 || time.minute > 59) {
      ctx.error(codes::kBadTime, time.span, fmt::format("`{:02}:{:02}` is not a time of day", time.hour, time.minute),
                "times are HH:MM on a 24-hour clock, 00:00 to 23:59");
    }
  }
  if (schedule.timezone && !known_time_zone(schedule.timezone->text)) {
    ctx.error(codes::kUnknownTimeZone, schedule.timezone->span,
              fmt::format("unknown time zone \"{}\"", schedule.timezone->text),
              did_you_mean(schedule.timezone->text, time_zone_names(),
                           "use an IANA zone name such as \"Europe/Kyiv\" or \"UTC\""));
  }
}

void check_after(Context& ctx, const ast::Schedule& schedule) {
  const std::optional<ast::Name>& flow_name = ctx.flow().name;
  if (flow_name && schedule.after.text == flow_name->text) {
    ctx.error(codes::kAfterSelf, schedule.after.span, "a flow cannot be scheduled after itself",
              "name another flow, or use `schedule every ...`");
  }
}

// The same trigger written twice runs nothing extra; say so rather than silently merge.
std::string schedule_key(const ast::Schedule& schedule, std::size_t time_index) {
  switch (schedule.kind) {
    case ast::Schedule::Kind::Every: return fmt::format("every {}", duration_millis(schedule.every));
    case ast::Schedule::Kind::At: {
      const ast::TimeOfDay& time = schedule.times[time_index];
      return fmt::format("at {}:{} {}", time.hour, time.minute, schedule.timezone ? schedule.timezone->text : "");
    }
    case ast::Schedule::Kind::After: return "after " + schedule.after.text;
  }
  return {};
}

void check_duplicate_schedules(Context& ctx) {
  std::set<std::string> seen;
  for (const ast::Schedule& schedule : ctx.flow().schedules) {
    const std::size_t count = schedule.kind == ast::Schedule::Kind::At ? schedule.times.size() : 1;
    for (std::size_t i = 0; i < count; ++i) {
      if (seen.insert(schedule_key(schedule, i)).second) continue;
      const Span span = schedule.kind == ast::Schedule::Kind::At ? schedule.times[i].span : schedule.span;
      ctx.warning(codes::kDuplicateSchedule, span, "this schedule repeats an earlier one", "remove the repetition");
    }
  }
}

struct IntSetting {
  std::string_view name;
  int min;
  int max;
};

constexpr IntSetting kIntSettings[] = {
    {"concurrency", 1, 1000}, {"retries", 0, 20}, {"stop_after_failures", 0, 1'000'000}};

void check_int_setting(Context& ctx, const ast::Field& field, const IntSetting& setting) {
  const std::optional<double> number =
      field.value.kind == ast::Value::Kind::Number ? parse_number(field.value.number_text) : std::nullopt;
  if (!number || *number != std::floor(*number)) {
    ctx.error(codes::kWrongType, field.value.span, fmt::format("`{}` expects a whole number", setting.name));
  } else if (*number < setting.min || *number > setting.max) {
    ctx.error(codes::kSettingRange, field.value.span,
              fmt::format("`{}` must be between {} and {}", setting.name, setting.min, setting.max));
  }
}

void check_timeout(Context& ctx, const ast::Field& field) {
  if (field.value.kind != ast::Value::Kind::Duration) {
    ctx.error(codes::kWrongType, field.value.span, "`timeout` expects a duration such as 30s");
    return;
  }
  const std::optional<std::int64_t> millis = checked_duration_millis(field.value);
  if (!millis || *millis <= 0) {
    ctx.error(codes::kSettingRange, field.value.span, "`timeout` must be more than zero and at most 100 years");
  }
}

void check_setting(Context& ctx, const ast::Field& field) {
  const std::string name = field.dotted();
  if (name == "timeout") return check_timeout(ctx, field);
  for (const IntSetting& setting : kIntSettings) {
    if (setting.name == name) return check_int_setting(ctx, field, setting);
  }
  const Span span = field.path.empty() ? field.span : span_between(field.path.front().span, field.path.back().span);
  ctx.error(codes::kUnknownSetting, span, fmt::format("unknown setting `{}`", name),
            did_you_mean(name, {"concurrency", "retries", "timeout", "stop_after_failures"},
                         "settings: concurrency, retries, timeout, stop_after_failures"));
}

}  // namespace

void check_schedules(Context& ctx) {
  for (const ast::Schedule& schedule : ctx.flow().schedules) {
    switch (schedule.kind) {
      case ast::Schedule::Kind::Every: check_every(ctx, schedule); break;
      case ast::Schedule::Kind::At: check_at(ctx, schedule); break;
      case ast::Schedule::Kind::After: check_after(ctx, schedule); break;
    }
  }
  check_duplicate_schedules(ctx);
}

void check_settings(Context& ctx) {
  const std::vector<ast::Settings>& blocks = ctx.flow().settings;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0) {
      ctx.error(codes::kManySettings, blocks[i].span, "a flow has one settings block",
                fmt::format("merge it into the one at line {}", blocks[0].span.line));
    }
    check_duplicate_fields(ctx, blocks[i].fields);
    for (const ast::Field& field : blocks[i].fields) check_setting(ctx, field);
  }
}

}  // namespace flowc::check
