// The header of a csv `new_rows` source's file for `flowc check`, read as the run will read it
// (path, delimiter, byte order mark, quoting). Only the header: no rows.
#pragma once

#include <optional>
#include <string_view>

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

// Nullopt for `header = false`, an empty file, or when the path or delimiter is not written as
// plain text.
std::optional<SourceHeader> read_csv_header(const WrittenFields& fields, const WrittenFields& account_fields,
                                            std::string_view flow_dir);

}  // namespace flowc::runtime::connectors
