#include "runtime/scheduler/serve_log.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/json/json_put.hpp"
#include "base/redactor.hpp"
#include "runtime/state/timestamps.hpp"

namespace flowc::runtime::scheduler {
namespace {

// Text values are quoted only when they need it, so numbers and single words stay easy to grep.
std::string text_value(const ServeLog::Value& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const auto* real = std::get_if<double>(&value)) return fmt::format("{:.3f}", *real);
  const std::string& text = std::get<std::string>(value);
  const bool plain = !text.empty() && text.find_first_of(" \"=\t\n") == std::string::npos;
  if (plain) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c == '\n' ? ' ' : c;
  }
  return quoted + "\"";
}

std::string json_line(const std::string& time, const std::string& event, const ServeLog::Fields& fields) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("time");
  json::put_string(w, time);
  w.Key("event");
  json::put_string(w, event);
  for (const auto& [key, value] : fields) {
    json::put_string(w, key);
    if (const auto* number = std::get_if<std::int64_t>(&value)) {
      w.Int64(*number);
    } else if (const auto* real = std::get_if<double>(&value)) {
      w.Double(*real);
    } else {
      json::put_string(w, std::get<std::string>(value));
    }
  }
  w.EndObject();
  return buffer.GetString();
}

}  // namespace

void ServeLog::write(const std::string& event, const Fields& fields) {
  const std::string time = state::utc_now();
  std::string line;
  if (json_) {
    line = json_line(time, event, fields);
  } else {
    line = fmt::format("{} {:<5}", time, event);
    for (const auto& [key, value] : fields) line += fmt::format(" {}={}", key, text_value(value));
  }
  // Every line passes the redactor whole, whatever its fields hold: one place, no field forgotten.
  line = redactor().redact(line);
  std::lock_guard lock(mutex_);
  fmt::print(out_, "{}\n", line);
  std::fflush(out_);
}

}  // namespace flowc::runtime::scheduler
