#include "runtime/row.hpp"

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

}  // namespace flowc::runtime
