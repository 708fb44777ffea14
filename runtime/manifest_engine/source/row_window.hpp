// Google Sheets' A1 ranges, for the manifest's named built-in pagination `row_window`: a sheet is
// read in windows of rows (`'Orders'!A1:ZZZ1000`, then rows 1001..2000, ...), so memory stays
// bounded however long the sheet is.
#pragma once

#include <string>
#include <string_view>

namespace flowc::runtime::manifest_engine {

// The part of a sheet a source reads: the flow's `range` field (`A1:H`, `B2:F500`), or the whole
// sheet. The first row of the window names the columns.
struct SheetWindow {
  std::string first_column = "A";
  long long first_row = 1;
  std::string last_column = "ZZZ";
  long long last_row = 0;  // 0: to the end of the sheet
};

// Parses an A1 range without a sheet name ("" is the whole sheet); throws std::runtime_error
// naming the bad range.
SheetWindow parse_sheet_window(std::string_view range);

// `'Sheet name'!A<first>:H<last>`: the sheet name quoted, embedded quotes doubled.
std::string a1_range(std::string_view sheet, const SheetWindow& window, long long first_row, long long last_row);

}  // namespace flowc::runtime::manifest_engine
