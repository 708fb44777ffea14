// Google Sheets A1 notation: `Orders`, `Orders!A2:F`, `'My Sheet'!A1:F100`, `A:C`, `2:5`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flowc::sandbox {

struct A1Range {
  std::string sheet;               // empty: the spreadsheet's first sheet
  int first_column = 1;            // 1-based
  int first_row = 1;               // 1-based
  std::optional<int> last_column;  // nullopt: to the sheet's last column
  std::optional<int> last_row;     // nullopt: to the sheet's last row
};

// The whole of one sheet.
A1Range whole_sheet(std::string sheet);

// nullopt when `text` is not A1 notation (Google: "Unable to parse range").
std::optional<A1Range> parse_a1_range(std::string_view text);

// 1 -> "A", 26 -> "Z", 27 -> "AA".
std::string column_letters(int column);

// The sheet name as a range prefix: plain names stay, others are quoted ('My Sheet', 'It''s').
std::string quote_sheet_name(std::string_view sheet);

}  // namespace flowc::sandbox
