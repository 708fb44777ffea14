// The `csv` connector: local files, no HTTP. `new_rows` streams a file with CsvSource;
// `append_row` appends one record with CsvAppender and finishes without a request.
#pragma once

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

const SourceAction& csv_new_rows_action();
const SendAction& csv_append_row_action();

}  // namespace flowc::runtime::connectors
