#include "runtime/rows/csv_appender.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "runtime/rows/csv_record_reader.hpp"
#include "runtime/rows/csv_source.hpp"

namespace flowc::runtime {
namespace {

// flock() held for a scope. Appends take it shared (O_APPEND already keeps their writes whole);
// repairing the file or writing its header takes it exclusive, so neither ever sees or cuts a
// record another process is in the middle of writing.
class FileLock {
 public:
  FileLock(int fd, int operation) : fd_(fd) {
    while (::flock(fd_, operation) != 0) {
      if (errno != EINTR) throw std::runtime_error(std::string("cannot lock the file: ") + std::strerror(errno));
    }
  }
  ~FileLock() { ::flock(fd_, LOCK_UN); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

bool needs_quotes(const std::string& cell, char delimiter) {
  return cell.find_first_of(std::string{delimiter, '"', '\n', '\r'}) != std::string::npos;
}

std::string quote_cell(const std::string& cell) {
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

CsvAppender::CsvAppender(std::string path, char delimiter) : path_(std::move(path)), delimiter_(delimiter) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("cannot open");
  try {
    FileLock lock(fd_, LOCK_EX);
    repair_torn_record();
    load_columns();
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

CsvAppender::~CsvAppender() {
  ::close(fd_);
}

void CsvAppender::fail(const std::string& what) const {
  throw std::runtime_error(what + " " + path_ + ": " + std::strerror(errno));
}

// Every record this class writes ends with a line break, so a file whose last record does not
// (it stops mid-line, or inside a quoted cell) was torn by a crash during a write. The torn bytes
// are cut off before appending: otherwise the next record would be glued onto them and both rows
// would read back wrong. The file is scanned with the CSV reader itself, so a line break inside a
// quoted cell is not mistaken for the end of a record.
void CsvAppender::repair_torn_record() {
  struct stat info {};
  if (::fstat(fd_, &info) != 0) fail("cannot stat");
  if (info.st_size == 0) return;
  CsvRecordReader reader(path_, CsvOptions{.delimiter = delimiter_, .header = false});
  std::uint64_t complete = reader.consumed_bytes();
  try {
    while (std::optional<RawRecord> record = reader.read()) {
      if (!record->ended_by_line_break) break;
      complete = reader.consumed_bytes();
    }
  } catch (const DataError& error) {
    // Not a file this class could have written: leave it alone rather than cut real data.
    throw std::runtime_error("cannot append to " + path_ + ": " + error.what());
  }
  if (complete < static_cast<std::uint64_t>(info.st_size) && ::ftruncate(fd_, static_cast<off_t>(complete)) != 0) {
    fail("cannot cut the torn last record of");
  }
}

void CsvAppender::load_columns() {
  CsvSource source(path_, CsvOptions{.delimiter = delimiter_, .header = true});
  columns_ = *source.columns();
}

std::string CsvAppender::format_line(const std::vector<std::string>& cells) const {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += delimiter_;
    line += needs_quotes(cells[i], delimiter_) ? quote_cell(cells[i]) : cells[i];
  }
  return line + "\n";
}

std::string CsvAppender::format_record(const Fields& fields) const {
  std::vector<std::string> cells(columns_.size());
  std::vector<bool> given(columns_.size(), false);
  for (const auto& [name, value] : fields) {
    const auto column = std::find(columns_.begin(), columns_.end(), name);
    if (column == columns_.end()) {
      throw std::invalid_argument("CSV file " + path_ + " has no column \"" + name + "\"");
    }
    const auto index = static_cast<std::size_t>(column - columns_.begin());
    if (given[index]) throw std::invalid_argument("column \"" + name + "\" given twice for " + path_);
    given[index] = true;
    cells[index] = value;
  }
  return format_line(cells);
}

void CsvAppender::write_all(const std::string& bytes) {
  // One write() for the record; a regular file takes it whole unless the disk is full or a signal
  // lands, and then the rest follows (a crash in between leaves a torn record the next open cuts).
  for (std::size_t written = 0; written < bytes.size();) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write");
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd_) != 0) fail("cannot sync");
}

void CsvAppender::append(const Fields& fields) {
  if (columns_.empty()) {
    FileLock lock(fd_, LOCK_EX);
    load_columns();  // another process may have written the header since we opened the file
    if (columns_.empty()) {
      for (const auto& field : fields) {
        if (field.first.empty()) throw std::invalid_argument("a column of " + path_ + " needs a name");
        columns_.push_back(field.first);
      }
      std::string bytes = format_line(columns_);
      try {
        bytes += format_record(fields);
      } catch (...) {
        columns_.clear();
        throw;
      }
      write_all(bytes);
      return;
    }
  }
  const std::string record = format_record(fields);
  FileLock lock(fd_, LOCK_SH);
  write_all(record);
}

}  // namespace flowc::runtime
