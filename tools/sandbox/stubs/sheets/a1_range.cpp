#include "tools/sandbox/stubs/sheets/a1_range.hpp"

#include <cctype>

namespace flowc::sandbox {

namespace {

constexpr int kMaxColumn = 18278;  // ZZZ, Google's upper bound
constexpr int kMaxRow = 10'000'000;

// One side of a range: optional column letters, then optional row digits; at least one.
struct CellRef {
  std::optional<int> column;
  std::optional<int> row;
};

std::optional<CellRef> parse_cell_ref(std::string_view text) {
  CellRef ref;
  std::size_t i = 0;
  long column = 0;
  while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) {
    column = column * 26 + (std::toupper(static_cast<unsigned char>(text[i])) - 'A' + 1);
    if (column > kMaxColumn) return std::nullopt;
    ++i;
  }
  if (i > 0) ref.column = static_cast<int>(column);
  long row = 0;
  std::size_t digits_start = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    row = row * 10 + (text[i] - '0');
    if (row > kMaxRow) return std::nullopt;
    ++i;
  }
  if (i != text.size() || (i == 0)) return std::nullopt;
  if (i > digits_start) {
    if (row == 0) return std::nullopt;
    ref.row = static_cast<int>(row);
  }
  return ref;
}

std::optional<A1Range> parse_cells(std::string_view cells, std::string sheet) {
  A1Range range;
  range.sheet = std::move(sheet);
  auto colon = cells.find(':');
  auto start = parse_cell_ref(cells.substr(0, colon));
  if (!start) return std::nullopt;
  if (colon == std::string_view::npos) {
    if (!start->column) return std::nullopt;  // a bare row number is not a range
    range.first_column = *start->column;
    range.last_column = start->column;
    range.first_row = start->row.value_or(1);
    range.last_row = start->row;  // `A` alone is the whole column
    return range;
  }
  auto end = parse_cell_ref(cells.substr(colon + 1));
  if (!end) return std::nullopt;
  range.first_column = start->column.value_or(1);
  range.first_row = start->row.value_or(1);
  range.last_column = end->column;
  range.last_row = end->row;
  if (range.last_column && *range.last_column < range.first_column) return std::nullopt;
  if (range.last_row && *range.last_row < range.first_row) return std::nullopt;
  return range;
}

// Reads a quoted sheet name ('It''s') from the start of `text`; returns the name and the rest.
std::optional<std::pair<std::string, std::string_view>> read_quoted_sheet(std::string_view text) {
  std::string name;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] != '\'') {
      name += text[i];
    } else if (i + 1 < text.size() && text[i + 1] == '\'') {
      name += '\'';
      ++i;
    } else {
      return std::pair{name, text.substr(i + 1)};
    }
  }
  return std::nullopt;
}

}  // namespace

A1Range whole_sheet(std::string sheet) {
  A1Range range;
  range.sheet = std::move(sheet);
  return range;
}

std::optional<A1Range> parse_a1_range(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '\'') {
    auto quoted = read_quoted_sheet(text);
    if (!quoted || quoted->first.empty()) return std::nullopt;
    auto [sheet, rest] = *quoted;
    if (rest.empty()) return whole_sheet(sheet);
    if (rest.front() != '!') return std::nullopt;
    return parse_cells(rest.substr(1), sheet);
  }
  auto bang = text.rfind('!');
  if (bang != std::string_view::npos) {
    if (bang == 0) return std::nullopt;
    return parse_cells(text.substr(bang + 1), std::string(text.substr(0, bang)));
  }
  // No '!': cells of the first sheet when it reads as cells, else a whole sheet by name.
  if (auto cells = parse_cells(text, "")) return cells;
  return whole_sheet(std::string(text));
}

std::string column_letters(int column) {
  std::string letters;
  while (column > 0) {
    int digit = (column - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + digit));
    column = (column - 1) / 26;
  }
  return letters;
}

std::string quote_sheet_name(std::string_view sheet) {
  bool plain = !sheet.empty() && !std::isdigit(static_cast<unsigned char>(sheet.front()));
  for (char c : sheet) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') plain = false;
  }
  if (plain) return std::string(sheet);
  std::string quoted = "'";
  for (char c : sheet) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return quoted + "'";
}

}  // namespace flowc::sandbox
