// Numbers written as text: the strict form conditions compare by, and the forgiving form people
// type in spreadsheets ("1 234,50"), which the `number` filter and numeric payload fields accept.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flowc::runtime {

// The value when the whole text (surrounding white space aside) is a plain decimal number:
// "12", "-3.5", "+4", "1e3", ".5". Not "12abc", "1,5", "0x10", "inf" or "nan".
std::optional<double> parse_strict_number(std::string_view text);

// The canonical form of a number as people write it, or nullopt when the text is no number.
// Group separators (spaces, no-break spaces, apostrophes) are dropped. The decimal separator is
// '.' or ','; when both appear the last one is the decimal separator and the other groups
// ("1,234.50" and "1.234,50" are 1234.5); a separator that appears more than once groups
// ("1.234.567"); a single one is decimal ("1,5" is 1.5). The result has no '+', no leading zeros,
// no trailing fractional zeros: "1 234,50" -> "1234.5", "12.00" -> "12", "-0" -> "0".
// An exponent ("1.5e3") is evaluated: "1500".
std::optional<std::string> normalize_number(std::string_view text);

// The shortest text that reads back as `value` ("12", "0.1", "1e+20"); never "-0".
std::string format_number(double value);

// The text of a number literal: as written in the flow, or formatted when an IR omits it.
inline std::string number_literal_text(const std::string& as_written, double value) {
  return as_written.empty() ? format_number(value) : as_written;
}

}  // namespace flowc::runtime
