#include "runtime/rows/row.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

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

bool RowSource::next_into(Row& row) {
  std::optional<Row> next_row = next();
  if (!next_row) return false;
  row = std::move(*next_row);
  return true;
}

const std::string* ColumnLookup::find_slow(const Row& row, const void* key, std::string_view column) {
  if (!row.columns) return row.find(column);
  if (row.columns != columns_) {
    columns_ = row.columns;
    slots_.assign(slots_.size(), Slot{});
    used_ = 0;
  }
  if (2 * (used_ + 1) > slots_.size()) grow();
  Slot& entry = slot(key);
  // A key stands for one reference, whose column name is one string: the same characters at the
  // same address. Anything else (a caller reusing a key) is looked up afresh.
  const bool known = entry.key == key && entry.column.data() == column.data() && entry.column.size() == column.size();
  if (!known) {
    if (entry.key == nullptr) ++used_;
    const std::vector<std::string>& names = *columns_;
    const auto at = std::find(names.begin(), names.end(), column);
    entry = Slot{key, column, at != names.end() ? static_cast<std::size_t>(at - names.begin()) : kAbsent};
  }
  if (entry.index == kAbsent) return nullptr;
  static const std::string kEmpty;  // a Row built by hand may be shorter than its columns
  return entry.index < row.cells.size() ? &row.cells[entry.index] : &kEmpty;
}

ColumnLookup::Slot& ColumnLookup::slot(const void* key) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = first_slot(key);
  while (slots_[at].key != nullptr && slots_[at].key != key) at = (at + 1) & mask;
  return slots_[at];
}

void ColumnLookup::grow() {
  std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(std::max<std::size_t>(16, 2 * slots_.size())));
  for (const Slot& entry : old) {
    if (entry.key != nullptr) slot(entry.key) = entry;
  }
}

}  // namespace flowc::runtime
