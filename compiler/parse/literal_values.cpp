#include "compiler/parse/literal_values.hpp"

#include <charconv>
#include <cmath>

namespace flowc {

std::optional<double> parse_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(number)) return std::nullopt;
  return number;
}

std::int64_t unit_millis(ast::TimeUnit unit) {
  switch (unit) {
    case ast::TimeUnit::Seconds: return 1'000;
    case ast::TimeUnit::Minutes: return 60'000;
    case ast::TimeUnit::Hours: return 3'600'000;
    case ast::TimeUnit::Days: return 86'400'000;
    case ast::TimeUnit::Milliseconds: return 1;
  }
  return 1'000;
}

std::optional<std::int64_t> checked_duration_millis(const ast::Value& duration) {
  const std::optional<double> amount = parse_number(duration.number_text);
  if (!amount) return std::nullopt;
  const double millis = *amount * static_cast<double>(unit_millis(duration.unit));
  if (std::fabs(millis) > static_cast<double>(kMaxDurationMillis)) return std::nullopt;
  return std::llround(millis);
}

std::int64_t duration_millis(const ast::Value& duration) {
  return checked_duration_millis(duration).value_or(0);
}

}  // namespace flowc
