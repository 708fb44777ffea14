// Rows from a CSV file, read as a stream: memory stays bounded whatever the file's size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/rows/csv_options.hpp"
#include "runtime/rows/row.hpp"

namespace flowc::runtime {

class CsvRecordReader;
struct RawRecord;

// The spreadsheet name of a 0-based column index: A, B, ..., Z, AA, AB, ...
std::string spreadsheet_column_name(std::size_t index);

// RFC 4180 CSV: quoted fields may hold delimiters, doubled quotes and line breaks; records end with
// LF, CRLF or CR; a UTF-8 byte order mark is skipped; blank lines are skipped (but counted).
// A quote inside an unquoted field, or text after a closing quote, is kept as text, as spreadsheet
// programs do.
//
// Columns: with a header, its cells (trimmed) name the columns; an empty header cell is named by
// its letter (A, B, ...); a name used twice is a DataError. Without a header the columns are named
// A, B, ... and grow with the widest row seen so far.
//
// Row numbers count records (blank lines included) from 1, the header being record 1, so a row's
// number is its row in the spreadsheet the file came from (and its line in the file when no cell
// holds a line break). Short rows are padded with "", extra empty cells at the end of a row are
// dropped, and a row with more non-empty cells than the header is a DataError, as is a quote that
// is never closed.
class CsvSource : public RowSource {
 public:
  // Opens the file and reads the header; throws std::runtime_error (with the path and the system's
  // reason) when it cannot be read, DataError for a bad header.
  explicit CsvSource(std::string path, CsvOptions options = {});
  ~CsvSource() override;
  CsvSource(const CsvSource&) = delete;
  CsvSource& operator=(const CsvSource&) = delete;

  std::optional<Row> next() override;
  bool next_into(Row& row) override;

  // The column names known so far (all of them when the file has a header).
  const Columns& columns() const { return columns_; }

 private:
  void read_header();
  void widen_columns(std::size_t count);
  std::string column_name(std::size_t index) const;
  std::string other_delimiter_hint(const std::vector<std::string>& cells) const;
  std::string encoding_hint(std::string_view cell) const;
  // Throws DataError for the first cell that is not valid UTF-8, with its column and the byte.
  void check_utf8(std::uint64_t row, const std::vector<std::string>& cells, bool header) const;

  CsvOptions options_;
  std::unique_ptr<CsvRecordReader> reader_;
  Columns columns_;
  std::unique_ptr<RawRecord> record_;  // read into, its cells swapped with the caller's row
};

}  // namespace flowc::runtime
