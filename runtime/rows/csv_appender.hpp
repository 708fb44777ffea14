// Appends records to a CSV file so that a crash can never leave a half-written row behind.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace flowc::runtime {

// Durability: each record (with the header, for a new file) goes out in one write() on an O_APPEND
// descriptor followed by fsync(), so records from concurrent appenders never interleave and a
// record is on disk when append() returns. Records end with "\n"; cells holding the delimiter, a
// quote or a line break are quoted (RFC 4180).
//
// Columns: a new or empty file gets a header naming the fields of the first append, in order. An
// existing file's header decides the columns: a field it does not name is an error, a column the
// append leaves out is written empty.
class CsvAppender {
 public:
  using Fields = std::vector<std::pair<std::string, std::string>>;

  // Opens (or creates) the file and repairs a torn last record; throws std::runtime_error with the
  // path and the system's reason on I/O failure.
  explicit CsvAppender(std::string path, char delimiter = ',');
  ~CsvAppender();
  CsvAppender(const CsvAppender&) = delete;
  CsvAppender& operator=(const CsvAppender&) = delete;

  // Throws std::invalid_argument for a field the header does not name (or named twice),
  // std::runtime_error on I/O failure.
  void append(const Fields& fields);

  // The file's columns; empty until the file has a header.
  const std::vector<std::string>& columns() const { return columns_; }

 private:
  [[noreturn]] void fail(const std::string& what) const;
  void repair_torn_record();
  void load_columns();
  std::string format_record(const Fields& fields) const;
  std::string format_line(const std::vector<std::string>& cells) const;
  void write_all(const std::string& bytes);

  std::string path_;
  char delimiter_;
  int fd_ = -1;
  std::vector<std::string> columns_;
};

}  // namespace flowc::runtime
