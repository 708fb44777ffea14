// The `csv` connector: local files, no HTTP. `new_rows` streams a file with CsvSource;
// `append_row` appends one record with CsvAppender and finishes without a request.
#pragma once

#include <string>
#include <string_view>

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

// A csv `path` as the connector opens it: as written when absolute; else under the account's
// `dir`, and a relative `dir` (or none) under the flow file's folder, so a flow finds its files
// from any working directory.
std::string csv_file_path(std::string_view path, std::string_view dir, std::string_view flow_dir);

// The `delimiter` option as written (`;`, `tab`); throws std::invalid_argument for anything but
// one character that is not a quote or a line break.
char csv_delimiter(std::string_view written);

// The `encoding` option as CsvOptions takes it: empty for UTF-8 (written `utf-8`, or not at all).
std::string csv_encoding(std::string_view written);

const SourceAction& csv_new_rows_action();
const SendAction& csv_append_row_action();

// The connector `csv` for connectors/list.cpp.
const Connector& csv_connector();

}  // namespace flowc::runtime::connectors
