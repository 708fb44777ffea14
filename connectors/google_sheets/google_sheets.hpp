// Google Sheets `new_rows` source: reads a sheet through the Sheets API v4 `values.get`, a chunk
// of rows at a time so memory stays bounded however long the sheet is. The first row names the
// columns. Auth: api_key, access_token, or service_account_file (JWT flow, see google_auth.hpp).
#pragma once

#include <string>
#include <string_view>

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

const SourceAction& google_sheets_new_rows_action();

// The part of a sheet a source reads: the flow's `range` field (`A1:H`, `B2:F500`, `A:H`), or the
// whole sheet. The first row of the window names the columns.
struct SheetWindow {
  std::string first_column = "A";
  long long first_row = 1;
  std::string last_column = "ZZZ";
  long long last_row = 0;  // 0: to the end of the sheet
};

// Parses an A1 range without a sheet name; throws std::runtime_error naming the bad range.
SheetWindow parse_sheet_window(std::string_view range);

// `'Sheet name'!A<first>:H<last>`: the sheet name quoted, embedded quotes doubled.
std::string a1_range(std::string_view sheet, const SheetWindow& window, long long first_row, long long last_row);

// The connector `google_sheets` for connectors/list.cpp.
const Connector& google_sheets_connector();

}  // namespace flowc::runtime::connectors
