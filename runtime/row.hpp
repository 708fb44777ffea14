// A source row and the interface every row source implements.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::runtime {

// Column names shared by every row of one source (read once from the header row).
using Columns = std::shared_ptr<const std::vector<std::string>>;

struct Row {
  std::uint64_t number = 0;  // the row's number in its source (sheet row, CSV line of the record)
  Columns columns;
  std::vector<std::string> cells;  // cells[i] belongs to (*columns)[i]; short rows are padded

  // The cell under `column`, or nullptr when the source has no such column.
  const std::string* find(std::string_view column) const;
};

// A problem with the data itself, located by row and column (not a bug, not I/O).
class DataError : public std::runtime_error {
 public:
  DataError(std::uint64_t row, std::string column, const std::string& message)
      : std::runtime_error(message), row_(row), column_(std::move(column)) {}
  std::uint64_t row() const { return row_; }
  const std::string& column() const { return column_; }

 private:
  std::uint64_t row_;
  std::string column_;
};

// Pulls rows one at a time so memory does not grow with the source.
class RowSource {
 public:
  virtual ~RowSource() = default;
  // The next row, or nullopt at the end. Throws DataError for malformed data and
  // std::runtime_error for I/O failures.
  virtual std::optional<Row> next() = 0;
};

}  // namespace flowc::runtime
