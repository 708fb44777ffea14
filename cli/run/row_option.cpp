#include "cli/run/row_option.hpp"

#include <fmt/format.h>

namespace flowc::cli {

std::optional<std::string> missing_row_problem(std::uint64_t row, const runtime::RunSummary& summary) {
  if (summary.rows_read > 0) return std::nullopt;
  const std::uint64_t first = summary.first_row_number;
  const std::uint64_t last = summary.last_row_number;
  if (first == 0) return fmt::format("--row {}: the source has no rows", row);
  if (row == 1 && first > 1) {
    return fmt::format("--row 1 is the header, which names the columns: the first row of data is row {}", first);
  }
  return fmt::format("--row {}: the source has no row {} (its rows are numbered {} to {}; blank lines have no row)",
                     row, row, first, last);
}

}  // namespace flowc::cli
