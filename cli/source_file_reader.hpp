// What `flowc check` reads besides the flow: the header of a csv source's local file, so
// `row.NAME` is checked against the columns the file really has. Only the header: no rows, no
// network, no secrets.
#pragma once

#include <optional>

#include "compiler/check/checker.hpp"

namespace flowc::cli {

// The header of the source's local file, as its connector's source action reads it
// (SourceAction::read_header: today csv `new_rows`); nullopt for a source without one.
std::optional<SourceFileColumns> read_source_file_header(const SourceFileQuery& query);

}  // namespace flowc::cli
