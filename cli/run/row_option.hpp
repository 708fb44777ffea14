// `--row N` names one row of the source by its number. A number that names no row (past the
// end, or the header) is a mistake on the command line, not a run that found nothing to do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/interpreter/interpreter.hpp"

namespace flowc::cli {

// What to tell the user when the run read no row numbered `row`; nullopt when it read it.
std::optional<std::string> missing_row_problem(std::uint64_t row, const runtime::RunSummary& summary);

}  // namespace flowc::cli
