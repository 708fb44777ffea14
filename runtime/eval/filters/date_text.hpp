// Dates written as text, for the `date(fmt)` template filter.
#pragma once

#include <string>
#include <string_view>

namespace flowc::runtime {

// Reads a date or date-time and writes it with the strftime-style `format` (%Y %m %d %H %M %S ...,
// as Howard Hinnant's date::format understands it). Accepted input, surrounding white space aside:
//   ISO 8601   2024-05-31, 2024-05-31T14:05, 2024-05-31 14:05:09.250, with an optional Z or
//              offset (+03:00, +0300, +03); a time with an offset is converted to UTC
//   day first  31.05.2024 or 1.5.2024, optionally followed by " 14:05" or " 14:05:09"
//   month first 05/31/2024 or 5/31/2024, optionally with a time as above (a slash always means
//              month/day/year, a dot always day.month.year)
// Fractions of a second are dropped; a date without a time is at 00:00:00. Anything else, or an
// impossible date such as 31.02.2024, throws EvalError naming the value.
std::string reformat_date(std::string_view text, std::string_view format);

}  // namespace flowc::runtime
