#include "runtime/eval/filters/date_text.hpp"

#include <date/date.h>

#include <chrono>
#include <optional>

#include "runtime/eval/eval_error.hpp"
#include "base/text/utf8.hpp"

namespace flowc::runtime {
namespace {

struct DateTime {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset_minutes = 0;  // east of UTC
};

// Reads the text left to right; every read either consumes what it asks for or fails.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }
  bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool accept(char c) {
    if (!peek(c)) return false;
    ++pos_;
    return true;
  }
  // A number of `min_digits` to `max_digits` digits.
  std::optional<int> digits(std::size_t min_digits, std::size_t max_digits) {
    std::size_t count = 0;
    int value = 0;
    while (count < max_digits && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      value = value * 10 + (text_[pos_++] - '0');
      ++count;
    }
    if (count < min_digits) return std::nullopt;
    return value;
  }
  void skip_digits() {
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// "HH:MM[:SS[.fff]]"
bool read_time(Cursor& in, DateTime& out) {
  const auto hour = in.digits(1, 2);
  if (!hour || !in.accept(':')) return false;
  const auto minute = in.digits(2, 2);
  if (!minute) return false;
  out.hour = *hour;
  out.minute = *minute;
  if (!in.accept(':')) return true;
  const auto second = in.digits(2, 2);
  if (!second) return false;
  out.second = *second;
  if (in.accept('.') || in.accept(',')) {
    if (!in.digits(1, 1)) return false;
    in.skip_digits();
  }
  return true;
}

// "Z", "+03:00", "+0300", "+03", or nothing.
bool read_offset(Cursor& in, DateTime& out) {
  if (in.accept('Z') || in.accept('z')) return true;
  int sign = 0;
  if (in.accept('+')) sign = 1;
  if (sign == 0 && in.accept('-')) sign = -1;
  if (sign == 0) return true;
  const auto hours = in.digits(2, 2);
  if (!hours) return false;
  in.accept(':');
  const auto minutes = in.at_end() ? std::optional<int>(0) : in.digits(2, 2);
  if (!minutes || *hours > 23 || *minutes > 59) return false;
  out.offset_minutes = sign * (*hours * 60 + *minutes);
  return true;
}

std::optional<DateTime> read_iso(Cursor in) {
  DateTime out;
  const auto year = in.digits(4, 4);
  if (!year || !in.accept('-')) return std::nullopt;
  const auto month = in.digits(2, 2);
  if (!month || !in.accept('-')) return std::nullopt;
  const auto day = in.digits(2, 2);
  if (!day) return std::nullopt;
  out.year = *year;
  out.month = *month;
  out.day = *day;
  if (in.accept('T') || in.accept('t') || in.accept(' ')) {
    if (!read_time(in, out) || !read_offset(in, out)) return std::nullopt;
  }
  if (!in.at_end()) return std::nullopt;
  return out;
}

// "D.M.YYYY" (day first) or "M/D/YYYY" (month first), then an optional " HH:MM[:SS]".
std::optional<DateTime> read_separated(Cursor in, char separator, bool day_first) {
  DateTime out;
  const auto first = in.digits(1, 2);
  if (!first || !in.accept(separator)) return std::nullopt;
  const auto second = in.digits(1, 2);
  if (!second || !in.accept(separator)) return std::nullopt;
  const auto year = in.digits(4, 4);
  if (!year) return std::nullopt;
  out.year = *year;
  out.day = day_first ? *first : *second;
  out.month = day_first ? *second : *first;
  if (in.accept(' ') && !read_time(in, out)) return std::nullopt;
  if (!in.at_end()) return std::nullopt;
  return out;
}

std::optional<DateTime> read_date_time(std::string_view text) {
  if (auto iso = read_iso(Cursor(text))) return iso;
  if (auto day_first = read_separated(Cursor(text), '.', true)) return day_first;
  return read_separated(Cursor(text), '/', false);
}

std::optional<date::sys_seconds> to_time_point(const DateTime& value) {
  const date::year_month_day ymd{date::year{value.year}, date::month{static_cast<unsigned>(value.month)},
                                 date::day{static_cast<unsigned>(value.day)}};
  if (!ymd.ok() || value.hour > 23 || value.minute > 59 || value.second > 59) return std::nullopt;
  return date::sys_days{ymd} + std::chrono::hours{value.hour} + std::chrono::minutes{value.minute} +
         std::chrono::seconds{value.second} - std::chrono::minutes{value.offset_minutes};
}

}  // namespace

std::string reformat_date(std::string_view text, std::string_view format) {
  const std::string_view trimmed = utf8::trim(text);
  const std::optional<DateTime> parsed = read_date_time(trimmed);
  const std::optional<date::sys_seconds> time = parsed ? to_time_point(*parsed) : std::nullopt;
  if (!time) {
    throw EvalError("date: " + quote_value(text) +
                    " is not a date (expected YYYY-MM-DD[THH:MM[:SS]], DD.MM.YYYY or MM/DD/YYYY)");
  }
  try {
    return date::format(std::string(format), *time);
  } catch (const std::exception& error) {
    throw EvalError("date: cannot format with " + quote_value(format) + ": " + error.what());
  }
}

}  // namespace flowc::runtime
