#include "runtime/eval/filters/number_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "base/text/utf8.hpp"

namespace flowc::runtime {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

// Removes the group separators people put between digits (and nothing else).
std::string strip_group_spaces(std::string_view text) {
  static constexpr std::array<std::string_view, 4> kSeparators{" ", "'", "\xC2\xA0", "\xE2\x80\xAF"};
  std::string out;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto separator = std::find_if(kSeparators.begin(), kSeparators.end(),
                                        [&](std::string_view s) { return text.substr(pos).starts_with(s); });
    if (separator != kSeparators.end()) {
      pos += separator->size();
      continue;
    }
    out += text[pos++];
  }
  return out;
}

// Rewrites `text` so that '.' is the only decimal separator and no grouping separator is left.
std::optional<std::string> unify_separators(std::string text) {
  const std::size_t commas = std::count(text.begin(), text.end(), ',');
  const std::size_t dots = std::count(text.begin(), text.end(), '.');
  char decimal = 0;  // 0: an integer with group separators only
  if (commas > 0 && dots > 0) {
    decimal = text.find_last_of(",.") == text.rfind(',') ? ',' : '.';
  } else if (commas == 1 || dots == 1) {
    decimal = commas == 1 ? ',' : '.';
  }
  const char group = decimal != 0 ? (decimal == ',' ? '.' : ',') : (commas > 0 ? ',' : '.');
  if (decimal != 0 && std::count(text.begin(), text.end(), decimal) > 1) return std::nullopt;
  if (decimal != 0 && text.find(group) != std::string::npos && text.find(group) > text.find(decimal)) {
    return std::nullopt;  // "1.234,5.6": a group separator after the decimal one
  }
  std::string out;
  for (char c : text) {
    if (c == group) continue;
    out += c == decimal ? '.' : c;
  }
  return out;
}

// "0012.3400" -> "12.34"; the input is digits with at most one '.'.
std::string canonical_decimal(bool negative, std::string_view digits) {
  std::string integer(digits.substr(0, digits.find('.')));
  std::string fraction =
      digits.find('.') == std::string_view::npos ? "" : std::string(digits.substr(digits.find('.') + 1));
  integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size()));
  fraction.erase(fraction.find_last_not_of('0') + 1);
  if (integer.empty()) integer = "0";
  std::string out = integer;
  if (!fraction.empty()) out += "." + fraction;
  if (negative && out != "0") out.insert(0, "-");
  return out;
}

}  // namespace

std::string format_number(double value) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  std::string text(buffer.data(), result.ptr);
  return text == "-0" ? "0" : text;
}

std::optional<double> parse_strict_number(std::string_view text) {
  text = utf8::trim(text);
  if (text.starts_with('+')) {
    text.remove_prefix(1);
    if (text.starts_with('-')) return std::nullopt;  // "+-5"
  }
  // After its sign a number starts with a digit or a point: words ("draft", and "inf" or "nan",
  // which are no numbers here either) are turned away without from_chars. Conditions compare
  // many words.
  const std::string_view magnitude = text.starts_with('-') ? text.substr(1) : text;
  if (magnitude.empty() || ((magnitude.front() < '0' || magnitude.front() > '9') && magnitude.front() != '.')) {
    return std::nullopt;
  }
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;  // "inf", "nan" and overflow are words here, not numbers
  return value;
}

std::optional<std::string> normalize_number(std::string_view text) {
  std::string compact = strip_group_spaces(utf8::trim(text));
  bool negative = false;
  if (!compact.empty() && (compact.front() == '-' || compact.front() == '+')) {
    negative = compact.front() == '-';
    compact.erase(0, 1);
  }
  std::string exponent;
  if (const std::size_t e = compact.find_first_of("eE"); e != std::string::npos) {
    exponent = compact.substr(e + 1);
    compact.erase(e);
    const std::string_view exponent_digits = std::string_view(exponent).substr(
        !exponent.empty() && (exponent.front() == '-' || exponent.front() == '+') ? 1 : 0);
    if (!all_digits(exponent_digits)) return std::nullopt;
  }
  std::optional<std::string> digits = unify_separators(std::move(compact));
  if (!digits) return std::nullopt;
  const std::size_t dot = digits->find('.');
  const std::string_view integer = std::string_view(*digits).substr(0, dot);
  const std::string_view fraction = dot == std::string::npos ? "" : std::string_view(*digits).substr(dot + 1);
  if (integer.empty() && fraction.empty()) return std::nullopt;
  if ((!integer.empty() && !all_digits(integer)) || (!fraction.empty() && !all_digits(fraction))) return std::nullopt;
  if (exponent.empty()) return canonical_decimal(negative, *digits);
  const std::optional<double> value = parse_strict_number((negative ? "-" : "") + *digits + "e" + exponent);
  if (!value) return std::nullopt;
  return format_number(*value);
}

}  // namespace flowc::runtime
