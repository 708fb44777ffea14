// Google Sheets `new_rows` source: reads a sheet through the Sheets API v4 `values.get`, a chunk
// of rows at a time so memory stays bounded however long the sheet is. The first row names the
// columns. Auth: api_key, access_token, or service_account_file (JWT flow, see google_auth.hpp).
#pragma once

#include <string>
#include <string_view>

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

const SourceAction& google_sheets_new_rows_action();

// `'Sheet name'!A<first>:ZZZ<last>`: the sheet name quoted, embedded quotes doubled.
std::string a1_range(std::string_view sheet, long long first_row, long long last_row);

}  // namespace flowc::runtime::connectors
