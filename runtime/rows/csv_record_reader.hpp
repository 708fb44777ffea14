// The CSV tokenizer under CsvSource (and the appender's torn-record check): splits a file into
// records through a fixed-size buffer, without naming columns or checking widths.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/rows/csv_options.hpp"
#include "runtime/rows/to_utf8.hpp"

namespace flowc::runtime {

// One record as read, before columns are applied.
struct RawRecord {
  std::uint64_t number = 0;  // 1-based, counting blank lines
  std::vector<std::string> cells;
  bool unterminated_quote = false;   // the file ended inside the quoted cell cells.back()
  bool ended_by_line_break = false;  // false for a last record the file ends in the middle of
  // Every byte of the record came from a part of the file known to be UTF-8 (all ASCII, or
  // converted from its declared encoding), so its cells need no check of their own.
  bool known_utf8 = false;
};

class CsvRecordReader {
 public:
  // Throws std::runtime_error with the path and the system's reason when the file cannot be read.
  CsvRecordReader(std::string path, const CsvOptions& options);
  ~CsvRecordReader();
  CsvRecordReader(const CsvRecordReader&) = delete;
  CsvRecordReader& operator=(const CsvRecordReader&) = delete;

  // The next non-blank record, or nullopt at the end of the file. Throws DataError for a record
  // longer than options.max_record_bytes.
  std::optional<RawRecord> read();
  // The same into `record`, reusing its cells' memory (a reader of many rows allocates nothing
  // per row once its cells have grown); false at the end of the file.
  bool read(RawRecord& record);

  // Bytes of the file consumed so far (the byte order mark and every record returned, with its
  // line break); counted in UTF-8 when options.encoding converts the file.
  std::uint64_t consumed_bytes() const { return file_offset_ - (end_ - pos_); }

 private:
  enum class State { FieldStart, Unquoted, Quoted, AfterQuote };

  [[noreturn]] void fail(const char* what) const;
  std::size_t read_file(char* into, std::size_t size);
  bool fill();
  bool fill_converted();
  [[noreturn]] void stop_reading() const;
  int get();
  int peek();
  void skip_byte_order_mark();
  void append(std::string& field, int c, std::uint64_t record_number);
  void append(std::string& field, std::string_view bytes, std::uint64_t record_number);
  State append_plain_run(std::string& field, State state, std::uint64_t record_number);
  bool read_line(RawRecord& record);

  std::string path_;
  CsvOptions options_;
  int fd_ = -1;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::uint64_t file_offset_ = 0;  // bytes read from the file into the buffer so far
  std::uint64_t records_seen_ = 0;
  std::size_t record_bytes_ = 0;
  bool quoted_in_record_ = false;
  // Whether the buffer's chunk is known to be UTF-8 (RawRecord::known_utf8), and whether every
  // chunk the record being read has touched so far is. One pass over a 64 KiB chunk costs less
  // than checking each of its cells, and nearly every file is ASCII or converted.
  bool chunk_known_utf8_ = false;
  bool record_known_utf8_ = false;
  std::unique_ptr<ToUtf8> to_utf8_;  // null: the file is read as it is
  std::vector<char> raw_;             // the file's bytes before conversion
  // Why the file cannot be read on (bytes that are no character in its encoding): every read
  // after says so again for the same row, which ends the reading.
  std::optional<std::string> broken_;
};

}  // namespace flowc::runtime
