#include "base/text/short_decimal.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace flowc {
namespace {

constexpr std::size_t kMaxDigits = 15;
constexpr double kLimit = 1e15;  // 10^kMaxDigits
constexpr std::size_t kMaxPlaces = 2;
constexpr std::array<double, kMaxDigits + 1> kPowers{1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

// `units` / 10^places with exactly `places` digits after the point, or ".0" after a whole number
// (RapidJSON's way of saying it is a double).
std::size_t write_decimal(std::uint64_t units, std::size_t places, bool negative, char* out) {
  char* at = out;
  if (negative) *at++ = '-';
  const auto scale = static_cast<std::uint64_t>(kPowers[places]);
  at = std::to_chars(at, out + kShortDecimalChars, units / scale).ptr;
  *at++ = '.';
  if (places == 0) {
    *at++ = '0';
  } else {
    for (std::uint64_t fraction = units % scale, digit = scale / 10; digit != 0; digit /= 10) {
      *at++ = static_cast<char>('0' + fraction / digit);
      fraction %= digit;
    }
  }
  return static_cast<std::size_t>(at - out);
}

}  // namespace

std::optional<double> short_decimal_value(std::string_view whole, std::string_view fraction, bool negative) {
  if (whole.size() + fraction.size() > kMaxDigits) return std::nullopt;
  std::uint64_t units = 0;
  for (const std::string_view part : {whole, fraction}) {
    for (const char c : part) units = units * 10 + static_cast<std::uint64_t>(c - '0');
  }
  const double value = static_cast<double>(units) / kPowers[fraction.size()];
  return negative ? -value : value;
}

std::size_t short_decimal_text(double value, char* out) {
  const double magnitude = std::fabs(value);
  if (!(magnitude > 0 && magnitude < kLimit)) return 0;  // NaN fails too
  for (std::size_t places = 0; places <= kMaxPlaces; ++places) {
    const double scaled = magnitude * kPowers[places];
    if (scaled >= kLimit) return 0;
    // The nearest whole number; it stands for the value only if dividing it back gives exactly
    // the value (the division rounds correctly, as reading its decimal text would).
    const auto units = static_cast<std::uint64_t>(scaled + 0.5);
    if (static_cast<double>(units) / kPowers[places] == magnitude) return write_decimal(units, places, value < 0, out);
  }
  return 0;
}

}  // namespace flowc
