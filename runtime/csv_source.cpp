#include "runtime/csv_source.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

#include "runtime/csv_record_reader.hpp"
#include "base/utf8.hpp"

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
  while (cells.size() > columns_->size() && cells.back().empty()) cells.pop_back();
  if (cells.size() > columns_->size()) {
    throw DataError(record.number, "",
                    "row " + std::to_string(record.number) + " has " + std::to_string(cells.size()) +
                        " cells but the header has " + std::to_string(columns_->size()) + " columns");
  }
  cells.resize(columns_->size());
  row.number = record.number;
  if (row.columns != columns_) row.columns = columns_;
  return true;
}

}  // namespace flowc::runtime
