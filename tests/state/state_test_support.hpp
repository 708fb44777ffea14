// Helpers for the state store tests: a scratch directory and rows built from
// column/value lists.
#pragma once


#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/rows/row.hpp"
#include "tests/support/temp_dir.hpp"

namespace flowc::runtime::state::testing {

// The test's temporary folder, and where the state store keeps its database in it.
class ScratchDir : public ::flowc::testing::TempDir {
 public:
  std::filesystem::path db() const { return path() / ".flowc" / "state.db"; }
};

// A sheet: shared column names, rows of cells in that order.
inline Columns columns(std::initializer_list<std::string> names) {
  return std::make_shared<const std::vector<std::string>>(names);
}

inline Row make_row(const Columns& names, std::vector<std::string> cells, std::uint64_t number = 0) {
  Row row;
  row.number = number;
  row.columns = names;
  row.cells = std::move(cells);
  return row;
}

// Rows numbered from 2, as in a sheet under its header row.
inline std::vector<Row> sheet(const Columns& names, const std::vector<std::vector<std::string>>& cells) {
  std::vector<Row> rows;
  for (const auto& row_cells : cells) rows.push_back(make_row(names, row_cells, rows.size() + 2));
  return rows;
}

}  // namespace flowc::runtime::state::testing
