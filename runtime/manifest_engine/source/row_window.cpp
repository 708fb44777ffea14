#include "runtime/manifest_engine/source/row_window.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <stdexcept>

namespace flowc::runtime::manifest_engine {

namespace {

// One end of an A1 range: column letters, then an optional row number.
bool parse_cell(std::string_view text, std::string& column, long long& row) {
  std::size_t letters = 0;
  while (letters < text.size() && std::isalpha(static_cast<unsigned char>(text[letters])) != 0) ++letters;
  if (letters == 0 || letters > 3) return false;
  column.clear();
  for (char c : text.substr(0, letters)) column += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string_view digits = text.substr(letters);
  if (digits.empty()) return true;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), row);
  return error == std::errc() && end == digits.data() + digits.size() && row > 0;
}

}  // namespace

SheetWindow parse_sheet_window(std::string_view range) {
  SheetWindow window;
  if (range.empty()) return window;
  auto colon = range.find(':');
  bool valid = colon != std::string_view::npos &&
               parse_cell(range.substr(0, colon), window.first_column, window.first_row) &&
               parse_cell(range.substr(colon + 1), window.last_column, window.last_row);
  if (!valid || (window.last_row > 0 && window.last_row < window.first_row)) {
    throw std::runtime_error(fmt::format("range \"{}\" is not an A1 range such as A1:H or B2:F500", range));
  }
  return window;
}

std::string a1_range(std::string_view sheet, const SheetWindow& window, long long first_row, long long last_row) {
  std::string quoted = "'";
  for (char c : sheet) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return fmt::format("{}'!{}{}:{}{}", quoted, window.first_column, first_row, window.last_column, last_row);
}

}  // namespace flowc::runtime::manifest_engine
