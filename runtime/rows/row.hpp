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

// Where each reference's column sits in the rows of one source, learned at its first lookup, so
// a cell is found without comparing column names for every reference of every row. Rows of
// another set of columns (a source that widened its header) start the learning over.
class ColumnLookup {
 public:
  // Row::find(column) for the reference identified by `key` (meant to name the same column every
  // time; a key passed with another column is looked up afresh, so the answer is always exact).
  // Inline for the usual case, a known key in its first slot; everything else goes to find_slow.
  const std::string* find(const Row& row, const void* key, std::string_view column) {
    if (row.columns == columns_ && columns_ && !slots_.empty()) {
      const Slot& entry = slots_[first_slot(key)];
      if (entry.key == key && entry.column.data() == column.data() && entry.column.size() == column.size()) {
        if (entry.index < row.cells.size()) return &row.cells[entry.index];
        if (entry.index == kAbsent) return nullptr;
      }
    }
    return find_slow(row, key, column);
  }

 private:
  static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
  struct Slot {
    const void* key = nullptr;
    std::string_view column;  // as the key's caller passed it: a hit is checked against it
    std::size_t index = kAbsent;
  };
  const std::string* find_slow(const Row& row, const void* key, std::string_view column);
  // Where probing for `key` starts: Fibonacci hashing of the address, whose low bits are
  // alignment and carry no information.
  std::size_t first_slot(const void* key) const {
    return static_cast<std::size_t>((reinterpret_cast<std::uintptr_t>(key) >> 3) * 0x9E3779B97F4A7C15ull) &
           (slots_.size() - 1);
  }
  Slot& slot(const void* key);  // the key's slot, or the empty one where it belongs
  void grow();

  Columns columns_;  // kept alive, so a new set of columns can never reuse its address
  // Open addressing in a power-of-two table, at most half full: a flow has a few dozen
  // references, looked up for every row, so this costs less than hashing into a node map.
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
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
  // The next row into `row`, false at the end; throws as next() does. A source that can reuses
  // the row's memory (its cells' strings), so reading a row costs no allocation; this one moves
  // next()'s row in.
  virtual bool next_into(Row& row);
  // Where the next poll may start once this one has read to the end (an incremental cursor's
  // largest value); nullopt for a source that has no such place, or has not found one.
  virtual std::optional<std::string> position() const { return std::nullopt; }
};

}  // namespace flowc::runtime
