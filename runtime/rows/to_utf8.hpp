// Text in a declared encoding (cp1251, UTF-16, ...) converted to UTF-8 as it streams in, with
// glibc's iconv: a chunk at a time, so memory stays the size of a chunk whatever the stream's.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::runtime {

// Bytes that are no character in the declared encoding, or a stream that ends inside one.
class EncodingError : public std::runtime_error {
 public:
  EncodingError(std::uint64_t offset, const std::string& message) : std::runtime_error(message), offset_(offset) {}
  // Where the bad bytes start, counted in bytes from the start of the stream.
  std::uint64_t offset() const { return offset_; }

 private:
  std::uint64_t offset_;
};

class ToUtf8 {
 public:
  // Throws std::invalid_argument when iconv knows no encoding of that name.
  explicit ToUtf8(std::string encoding);
  ~ToUtf8();
  ToUtf8(const ToUtf8&) = delete;
  ToUtf8& operator=(const ToUtf8&) = delete;

  // Replaces `out` with `in`, the stream's next bytes, in UTF-8. A character cut at the end of
  // `in` is kept for the next call; `last` says there is none. Throws EncodingError.
  void convert(std::string_view in, std::vector<char>& out, bool last);

  const std::string& encoding() const { return encoding_; }

 private:
  void* descriptor_;  // iconv_t
  std::string encoding_;
  std::string pending_;        // the start of a character cut at the end of the last chunk
  std::uint64_t consumed_ = 0; // bytes of the stream converted so far
};

}  // namespace flowc::runtime
