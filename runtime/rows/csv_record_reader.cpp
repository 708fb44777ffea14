#include "runtime/rows/csv_record_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "base/text/utf8.hpp"
#include "runtime/rows/row.hpp"

namespace flowc::runtime {
namespace {

constexpr std::size_t kBufferBytes = 64 * 1024;
constexpr int kEnd = -1;

// Whether any byte of `word` is zero (the classic bit trick: exact about "any", which is all
// that is asked here).
constexpr bool has_zero_byte(std::uint64_t word) {
  return ((word - 0x0101010101010101ull) & ~word & 0x8080808080808080ull) != 0;
}

constexpr std::uint64_t repeated(char c) {
  return 0x0101010101010101ull * static_cast<unsigned char>(c);
}

#ifdef __SSE2__
// Bit i is set when byte i of the 16 at `at` is the delimiter, a quote or a line break.
unsigned cell_breaks(const char* at, char delimiter) {
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  const __m128i breaks =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(delimiter)), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'))),
                   _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\r'))));
  return static_cast<unsigned>(_mm_movemask_epi8(breaks));
}
#endif

// The first byte in [begin, end) that ends or changes an unquoted cell: the delimiter, a quote or
// a line break. Sixteen bytes are checked at once with SSE2 (a cell usually ends inside the first
// sixteen, which the buffer nearly always holds), else and near the end eight at a time.
const char* unquoted_run_end(const char* begin, const char* end, char delimiter) {
  const char* at = begin;
#ifdef __SSE2__
  for (; end - at >= 16; at += 16) {
    if (const unsigned breaks = cell_breaks(at, delimiter); breaks != 0) return at + __builtin_ctz(breaks);
  }
#endif
  for (std::uint64_t word = 0; end - at >= 8; at += 8) {
    std::memcpy(&word, at, sizeof word);
    if (has_zero_byte(word ^ repeated(delimiter)) || has_zero_byte(word ^ repeated('"')) ||
        has_zero_byte(word ^ repeated('\n')) || has_zero_byte(word ^ repeated('\r'))) {
      break;
    }
  }
  while (at != end && *at != delimiter && *at != '"' && *at != '\n' && *at != '\r') ++at;
  return at;
}

}  // namespace

CsvRecordReader::CsvRecordReader(std::string path, const CsvOptions& options)
    : path_(std::move(path)), options_(options) {
  if (!options_.encoding.empty()) {
    to_utf8_ = std::make_unique<ToUtf8>(options_.encoding);  // before the file: nothing to close on a throw
    raw_.resize(kBufferBytes);
  }
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

std::size_t CsvRecordReader::read_file(char* into, std::size_t size) {
  for (;;) {
    const ssize_t got = ::read(fd_, into, size);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) fail("cannot read");
    return static_cast<std::size_t>(got);
  }
}

bool CsvRecordReader::fill() {
  if (to_utf8_) return fill_converted();
  pos_ = 0;
  end_ = read_file(buffer_.data(), buffer_.size());
  file_offset_ += end_;
  chunk_known_utf8_ = utf8::is_ascii(std::string_view(buffer_.data(), end_));
  record_known_utf8_ = record_known_utf8_ && chunk_known_utf8_;
  return end_ > 0;
}

// The buffer takes the next chunk of the file in UTF-8. A chunk may convert to nothing (a byte
// order mark, half a character): the next one is read then. Bytes that are no character stop
// the conversion; what came before them is read first, so the error names the row they are in.
bool CsvRecordReader::fill_converted() {
  if (broken_) stop_reading();
  pos_ = 0;
  end_ = 0;
  for (;;) {
    const std::size_t got = read_file(raw_.data(), raw_.size());
    try {
      to_utf8_->convert(std::string_view(raw_.data(), got), buffer_, got == 0);
    } catch (const EncodingError& e) {
      broken_ = e.what();
    }
    end_ = buffer_.size();
    file_offset_ += end_;
    chunk_known_utf8_ = true;  // iconv's output
    if (end_ > 0) return true;
    if (broken_) stop_reading();
    if (got == 0) return false;
  }
}

void CsvRecordReader::stop_reading() const {
  const std::uint64_t row = std::max<std::uint64_t>(records_seen_, 1);
  throw DataError(row, "", fmt::format("row {}: {}; the file is not read further", row, *broken_));
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
// line break in an unquoted cell, or at the start of a cell that does not open with a quote
// (which makes it unquoted). Stops at the end of the buffer; the caller goes on from there.
// Returns the state after the bytes taken.
CsvRecordReader::State CsvRecordReader::append_plain_run(std::string& field, State state,
                                                         std::uint64_t record_number) {
  if (state == State::AfterQuote) return state;
  const char* const begin = buffer_.data() + pos_;
  const char* const end = buffer_.data() + end_;
  const char* stop = begin;
  if (state == State::Quoted) {
    stop = static_cast<const char*>(std::memchr(begin, '"', static_cast<std::size_t>(end - begin)));
    if (stop == nullptr) stop = end;
  } else {
    stop = unquoted_run_end(begin, end, options_.delimiter);
  }
  if (stop == begin) return state;
  append(field, std::string_view(begin, static_cast<std::size_t>(stop - begin)), record_number);
  pos_ += static_cast<std::size_t>(stop - begin);
  return state == State::Quoted ? State::Quoted : State::Unquoted;
}

std::optional<RawRecord> CsvRecordReader::read() {
  RawRecord record;
  if (!read(record)) return std::nullopt;
  return record;
}

bool CsvRecordReader::read(RawRecord& record) {
  if (broken_ && pos_ == end_) stop_reading();
  for (;;) {
    record_known_utf8_ = chunk_known_utf8_;
    if (!read_line(record)) return false;
    record.known_utf8 = record_known_utf8_;
    const bool blank = record.cells.size() == 1 && record.cells[0].empty() && !quoted_in_record_;
    if (!blank) return true;
  }
}

namespace {

// The record's next cell, emptied: an existing string keeps its memory for this record's text.
std::string& next_cell(RawRecord& record, std::size_t& count) {
  if (count == record.cells.size()) record.cells.emplace_back();
  std::string& cell = record.cells[count++];
  cell.clear();
  return cell;
}

}  // namespace

// Reads up to the end of the next line outside quotes; false at the end of the file.
bool CsvRecordReader::read_line(RawRecord& record) {
  record.number = ++records_seen_;
  record.unterminated_quote = false;
  record.ended_by_line_break = false;
  record_bytes_ = 0;
  quoted_in_record_ = false;
  std::size_t count = 0;
  std::string* field = &next_cell(record, count);
  State state = State::FieldStart;
  for (bool any_byte = false;; any_byte = true) {
    state = append_plain_run(*field, state, record.number);
    const int c = get();
    if (c == kEnd) {
      record.cells.resize(count);
      if (!any_byte && state == State::FieldStart) return false;  // nothing read, not even a run
      record.unterminated_quote = state == State::Quoted;
      return true;
    }
    if (state == State::Quoted) {
      if (c == '"') {
        state = State::AfterQuote;
      } else {
        append(*field, c, record.number);
      }
    } else if (c == '"' && state == State::AfterQuote) {  // a doubled quote inside quotes
      append(*field, c, record.number);
      state = State::Quoted;
    } else if (c == '"' && state == State::FieldStart) {
      quoted_in_record_ = true;
      state = State::Quoted;
    } else if (c == options_.delimiter) {
      field = &next_cell(record, count);
      state = State::FieldStart;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && peek() == '\n') get();
      record.cells.resize(count);
      record.ended_by_line_break = true;
      return true;
    } else {
      append(*field, c, record.number);
      state = State::Unquoted;
    }
  }
}

}  // namespace flowc::runtime
