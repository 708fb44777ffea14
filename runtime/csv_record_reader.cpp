#include "runtime/csv_record_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace flowc::runtime {
namespace {

constexpr std::size_t kBufferBytes = 64 * 1024;
constexpr int kEnd = -1;

}  // namespace

CsvRecordReader::CsvRecordReader(std::string path, const CsvOptions& options)
    : path_(std::move(path)), options_(options) {
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) fail("cannot open");
  buffer_.resize(kBufferBytes);
  skip_byte_order_mark();
}

CsvRecordReader::~CsvRecordReader() {
  ::close(fd_);
}

void CsvRecordReader::fail(const char* what) const {
  throw std::runtime_error(std::string(what) + " " + path_ + ": " + std::strerror(errno));
}

bool CsvRecordReader::fill() {
  for (;;) {
    const ssize_t got = ::read(fd_, buffer_.data(), buffer_.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) fail("cannot read");
    pos_ = 0;
    end_ = static_cast<std::size_t>(got);
    file_offset_ += end_;
    return got > 0;
  }
}

int CsvRecordReader::get() {
  if (pos_ == end_ && !fill()) return kEnd;
  return static_cast<unsigned char>(buffer_[pos_++]);
}

int CsvRecordReader::peek() {
  if (pos_ == end_ && !fill()) return kEnd;
  return static_cast<unsigned char>(buffer_[pos_]);
}

void CsvRecordReader::skip_byte_order_mark() {
  if (!fill()) return;
  if (end_ >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
}

void CsvRecordReader::append(std::string& field, int c, std::uint64_t record_number) {
  const char byte = static_cast<char>(c);
  append(field, std::string_view(&byte, 1), record_number);
}

void CsvRecordReader::append(std::string& field, std::string_view bytes, std::uint64_t record_number) {
  record_bytes_ += bytes.size();
  if (record_bytes_ > options_.max_record_bytes) {
    throw DataError(record_number, "",
                    "row " + std::to_string(record_number) + " is longer than " +
                        std::to_string(options_.max_record_bytes) + " bytes (is a quote never closed?)");
  }
  field += bytes;
}

// Takes the bytes at the read position that cannot end or change the cell's state in one go,
// instead of byte by byte: up to the next quote inside quotes; up to the next delimiter, quote or
// line break in an unquoted cell. Stops at the end of the buffer; the caller goes on from there.
void CsvRecordReader::append_plain_run(std::string& field, State state, std::uint64_t record_number) {
  if (state != State::Quoted && state != State::Unquoted) return;
  const char* const begin = buffer_.data() + pos_;
  const char* const end = buffer_.data() + end_;
  const char* stop = begin;
  if (state == State::Quoted) {
    stop = static_cast<const char*>(std::memchr(begin, '"', static_cast<std::size_t>(end - begin)));
    if (stop == nullptr) stop = end;
  } else {
    const char delimiter = options_.delimiter;
    while (stop != end && *stop != delimiter && *stop != '"' && *stop != '\n' && *stop != '\r') ++stop;
  }
  if (stop == begin) return;
  append(field, std::string_view(begin, static_cast<std::size_t>(stop - begin)), record_number);
  pos_ += static_cast<std::size_t>(stop - begin);
}

std::optional<RawRecord> CsvRecordReader::read() {
  for (;;) {
    std::optional<RawRecord> record = read_line();
    if (!record) return std::nullopt;
    const bool blank = record->cells.size() == 1 && record->cells[0].empty() && !quoted_in_record_;
    if (!blank) return record;
  }
}

// Reads up to the end of the next line outside quotes; nullopt at the end of the file.
std::optional<RawRecord> CsvRecordReader::read_line() {
  RawRecord record;
  record.cells.reserve(last_cell_count_);
  record.number = ++records_seen_;
  record_bytes_ = 0;
  quoted_in_record_ = false;
  std::string field;
  State state = State::FieldStart;
  for (bool any_byte = false;; any_byte = true) {
    append_plain_run(field, state, record.number);
    const int c = get();
    if (c == kEnd) {
      if (!any_byte) return std::nullopt;
      record.unterminated_quote = state == State::Quoted;
      record.cells.push_back(std::move(field));
      return record;
    }
    if (state == State::Quoted) {
      if (c == '"') {
        state = State::AfterQuote;
      } else {
        append(field, c, record.number);
      }
    } else if (c == '"' && state == State::AfterQuote) {  // a doubled quote inside quotes
      append(field, c, record.number);
      state = State::Quoted;
    } else if (c == '"' && state == State::FieldStart) {
      quoted_in_record_ = true;
      state = State::Quoted;
    } else if (c == options_.delimiter) {
      record.cells.push_back(std::move(field));
      field.clear();
      state = State::FieldStart;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && peek() == '\n') get();
      record.cells.push_back(std::move(field));
      record.ended_by_line_break = true;
      last_cell_count_ = record.cells.size();
      return record;
    } else {
      append(field, c, record.number);
      state = State::Unquoted;
    }
  }
}

}  // namespace flowc::runtime
