#include "runtime/state/timestamps.hpp"

#include <fmt/format.h>

#include <ctime>
#include <random>

namespace flowc::runtime::state {
namespace {

struct UtcParts {
  std::tm calendar{};
  long long milliseconds = 0;
};

UtcParts split(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto since_epoch = duration_cast<milliseconds>(when.time_since_epoch());
  const auto whole_seconds = floor<seconds>(since_epoch);
  UtcParts parts;
  const std::time_t seconds_since_epoch = static_cast<std::time_t>(whole_seconds.count());
  gmtime_r(&seconds_since_epoch, &parts.calendar);
  parts.milliseconds = (since_epoch - whole_seconds).count();
  return parts;
}

}  // namespace

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  const UtcParts parts = split(when);
  const std::tm& t = parts.calendar;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour,
                     t.tm_min, t.tm_sec, parts.milliseconds);
}

std::string utc_now() {
  return utc_timestamp(std::chrono::system_clock::now());
}

std::string generate_run_id(std::chrono::system_clock::time_point when) {
  const UtcParts parts = split(when);
  const std::tm& t = parts.calendar;
  thread_local std::mt19937 random{std::random_device{}()};
  const unsigned suffix = std::uniform_int_distribution<unsigned>(0, 0xffffff)(random);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}.{:03}Z-{:06x}", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday,
                     t.tm_hour, t.tm_min, t.tm_sec, parts.milliseconds, suffix);
}

}  // namespace flowc::runtime::state
