#include "tools/sandbox/json_text.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <ctime>

namespace flowc::sandbox {

std::string scalar_text(const rapidjson::Value& value) {
  if (value.IsNull()) return "";
  // A fraction in the shortest form that reads back the same (json::scalar_text writes the
  // number as JSON does, which differs for exponents: 1e+20 here, 1e20 there).
  if (value.IsDouble()) {
    double d = value.GetDouble();
    if (!(std::floor(d) == d && std::fabs(d) < 1e15)) return fmt::format("{}", d);
  }
  if (auto text = json::scalar_text(&value)) return std::move(*text);
  return to_json(value);
}

std::string json_object_with_string(std::string_view key, std::string_view message) {
  rapidjson::Document doc(rapidjson::kObjectType);
  json::set_string(doc, key, message, doc.GetAllocator());
  return to_json(doc);
}

std::string utc_timestamp_now() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t seconds = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:03}Z", text, ms);
}

}  // namespace flowc::sandbox
