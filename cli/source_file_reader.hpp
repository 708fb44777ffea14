// What `flowc check` reads besides the flow: the header of a csv source's local file, so
// `row.NAME` is checked against the columns the file really has. Only the header: no rows, no
// network, no secrets.
#pragma once

#include <optional>

#include "compiler/check/checker.hpp"

namespace flowc::cli {

// The header of a `csv` `new_rows` source's file, read as the run will read it (path, delimiter,
// byte order mark, quoting); nullopt for any other source, for `header = false`, or when the path
// or delimiter is not written as plain text.
std::optional<SourceFileColumns> read_source_file_header(const SourceFileQuery& query);

}  // namespace flowc::cli
