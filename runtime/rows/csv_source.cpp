#include "runtime/rows/csv_source.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "runtime/rows/csv_record_reader.hpp"
#include "base/text/utf8.hpp"

namespace flowc::runtime {

std::string spreadsheet_column_name(std::size_t index) {
  std::string name;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return name;
}

namespace {

std::string quoted(const std::string& name) {
  return "\"" + utf8::sanitize(name) + "\"";
}

}  // namespace

// Text that is not UTF-8 is reported, never passed on as U+FFFD: it means the file is in another
// encoding, and the user has to say which.
std::string CsvSource::encoding_hint(std::string_view cell) const {
  if (!options_.encoding.empty()) return "";
  if (cell.starts_with("\xFF\xFE") || cell.starts_with("\xFE\xFF")) {
    return "; the file starts like UTF-16 text: set `encoding = \"utf-16\"` on the source";
  }
  return "; the file is not UTF-8: set its encoding on the source, e.g. `encoding = \"cp1251\"` for a file "
         "saved by Excel on Ukrainian or Russian Windows";
}

void CsvSource::check_utf8(std::uint64_t row, const std::vector<std::string>& cells, bool header) const {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::size_t at = utf8::first_invalid(cells[i]);
    if (at == std::string_view::npos) continue;
    const std::string column = header ? spreadsheet_column_name(i) : column_name(i);
    const std::string place = header ? "the header's column " + column : fmt::format("row {}, column {}", row, quoted(column));
    throw DataError(row, column,
                    fmt::format("{}: not valid UTF-8 at byte {} of the cell (byte 0x{:02X}){}", place, at,
                                static_cast<unsigned char>(cells[i][at]), encoding_hint(cells[i])));
  }
}

// Excel writes `;`-separated files where the decimal comma is usual: read with `,`, the header
// of such a file is one column and a row with a comma in a cell is "ragged". Such a row holds
// `;`, which says what the file is.
std::string CsvSource::other_delimiter_hint(const std::vector<std::string>& cells) const {
  if (options_.delimiter == ';') return "";
  const bool semicolons = std::any_of(cells.begin(), cells.end(), [](const std::string& cell) {
    return cell.find(';') != std::string::npos;
  });
  if (!semicolons) return "";
  return "; the line contains `;`: if its cells are separated by semicolons, set `delimiter = \";\"` on the source";
}

CsvSource::CsvSource(std::string path, CsvOptions options)
    : options_(options),
      reader_(std::make_unique<CsvRecordReader>(std::move(path), options)),
      columns_(std::make_shared<const std::vector<std::string>>()),
      record_(std::make_unique<RawRecord>()) {
  if (options_.header) read_header();
}

CsvSource::~CsvSource() = default;

std::string CsvSource::column_name(std::size_t index) const {
  return index < columns_->size() ? (*columns_)[index] : spreadsheet_column_name(index);
}

void CsvSource::read_header() {
  std::optional<RawRecord> header = reader_->read();
  if (!header) return;  // an empty file: no columns and no rows
  if (header->unterminated_quote) {
    const std::string column = spreadsheet_column_name(header->cells.size() - 1);
    throw DataError(header->number, column, "the header's column " + column + " opens a quote that is never closed");
  }
  if (!header->known_utf8) check_utf8(header->number, header->cells, true);
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < header->cells.size(); ++i) {
    std::string name(utf8::trim(header->cells[i]));
    if (name.empty()) name = spreadsheet_column_name(i);
    if (!seen.insert(name).second) {
      const auto first = std::find(names.begin(), names.end(), name) - names.begin();
      throw DataError(header->number, name,
                      "the header names column " + quoted(name) + " twice (columns " +
                          spreadsheet_column_name(static_cast<std::size_t>(first)) + " and " +
                          spreadsheet_column_name(i) + ")");
    }
    names.push_back(std::move(name));
  }
  columns_ = std::make_shared<const std::vector<std::string>>(std::move(names));
}

void CsvSource::widen_columns(std::size_t count) {
  std::vector<std::string> names = *columns_;
  while (names.size() < count) names.push_back(spreadsheet_column_name(names.size()));
  columns_ = std::make_shared<const std::vector<std::string>>(std::move(names));
}

std::optional<Row> CsvSource::next() {
  Row row;
  if (!next_into(row)) return std::nullopt;
  return row;
}

bool CsvSource::next_into(Row& row) {
  // The record is read into the row's own cells, whose strings keep their memory from its last use.
  RawRecord& record = *record_;
  std::swap(record.cells, row.cells);
  const bool read = reader_->read(record);
  std::swap(record.cells, row.cells);
  if (!read) return false;
  std::vector<std::string>& cells = row.cells;
  if (record.unterminated_quote) {
    const std::string column = column_name(cells.size() - 1);
    throw DataError(
        record.number, column,
        "row " + std::to_string(record.number) + ": column " + quoted(column) + " opens a quote that is never closed");
  }
  if (!options_.header && cells.size() > columns_->size()) widen_columns(cells.size());
  if (!record.known_utf8) check_utf8(record.number, cells, false);
  while (cells.size() > columns_->size() && cells.back().empty()) cells.pop_back();
  if (cells.size() > columns_->size()) {
    throw DataError(record.number, "",
                    "row " + std::to_string(record.number) + " has " + std::to_string(cells.size()) +
                        " cells but the header has " + std::to_string(columns_->size()) + " columns" +
                        other_delimiter_hint(cells));
  }
  cells.resize(columns_->size());
  row.number = record.number;
  if (row.columns != columns_) row.columns = columns_;
  return true;
}

}  // namespace flowc::runtime
