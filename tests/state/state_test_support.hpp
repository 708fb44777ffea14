// Helpers for the state store tests: a scratch directory and rows built from
// column/value lists.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/rows/row.hpp"

namespace flowc::runtime::state::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("flowc-state-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path db() const { return path_ / ".flowc" / "state.db"; }

 private:
  std::filesystem::path path_;
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
