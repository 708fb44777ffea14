#include "runtime/row.hpp"

#include <algorithm>

namespace flowc::runtime {

const std::string* Row::find(std::string_view column) const {
  if (!columns) return nullptr;
  const std::vector<std::string>& names = *columns;
  for (std::size_t i = 0; i < names.size(); ++i) {
    // Lengths first: comparing the text of every column is what made this lookup costly.
    if (names[i].size() != column.size() || names[i] != column) continue;
    // A source pads short rows, but a Row built by hand may not be: a missing cell is empty.
    static const std::string kEmpty;
    return i < cells.size() ? &cells[i] : &kEmpty;
  }
  return nullptr;
}

const std::string* ColumnLookup::find(const Row& row, const void* key, std::string_view column) {
  if (!row.columns) return row.find(column);
  if (row.columns != columns_) {
    columns_ = row.columns;
    index_.clear();
  }
  const std::vector<std::string>& names = *columns_;
  auto [entry, added] = index_.try_emplace(key, kAbsent);
  // A key stands for one reference; checking the name anyway costs one comparison, and keeps a
  // caller that reuses a key for another column from reading the wrong cell.
  const bool stale = !added && entry->second != kAbsent && names[entry->second] != column;
  if (added || stale) {
    const auto at = std::find(names.begin(), names.end(), column);
    entry->second = at != names.end() ? static_cast<std::size_t>(at - names.begin()) : kAbsent;
  }
  // Absent: the caller falls back to a full lookup, which finds a column a reused key missed.
  if (entry->second == kAbsent) return nullptr;
  static const std::string kEmpty;  // a Row built by hand may be shorter than its columns
  return entry->second < row.cells.size() ? &row.cells[entry->second] : &kEmpty;
}

}  // namespace flowc::runtime
