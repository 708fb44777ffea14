#include "runtime/rows/to_utf8.hpp"

#include <iconv.h>

#include <cerrno>

#include <fmt/format.h>

namespace flowc::runtime {
namespace {

const iconv_t kNoDescriptor = reinterpret_cast<iconv_t>(-1);

// A character takes at most 4 bytes in UTF-8, and at least one in any encoding.
constexpr std::size_t kMaxGrowth = 4;

}  // namespace

ToUtf8::ToUtf8(std::string encoding) : descriptor_(iconv_open("UTF-8", encoding.c_str())), encoding_(std::move(encoding)) {
  if (descriptor_ == kNoDescriptor) throw std::invalid_argument(fmt::format("unknown encoding \"{}\"", encoding_));
}

ToUtf8::~ToUtf8() {
  iconv_close(static_cast<iconv_t>(descriptor_));
}

void ToUtf8::convert(std::string_view in, std::vector<char>& out, bool last) {
  // A character cut at the end of the last chunk is joined with this whole chunk. That copy
  // happens only in encodings whose characters take several bytes (UTF-16's surrogate pairs,
  // since a chunk holds an even number of bytes), at most once a chunk, and costs about as much as
  // the conversion itself: simpler than converting the cut character on its own.
  std::string joined;
  if (!pending_.empty()) {
    joined = pending_ + std::string(in);
    in = joined;
    pending_.clear();
  }
  out.resize(in.size() * kMaxGrowth + kMaxGrowth);
  char* input = const_cast<char*>(in.data());  // iconv's signature; it does not write the input
  std::size_t input_left = in.size();
  char* output = out.data();
  std::size_t output_left = out.size();
  const std::size_t result = iconv(static_cast<iconv_t>(descriptor_), &input, &input_left, &output, &output_left);
  const std::uint64_t at = consumed_ + static_cast<std::uint64_t>(input - in.data());
  out.resize(out.size() - output_left);
  if (result == static_cast<std::size_t>(-1) && errno == EILSEQ) {
    throw EncodingError(at, fmt::format("byte 0x{:02X} at byte {} of the file is not a {} character",
                                        static_cast<unsigned char>(*input), at, encoding_));
  }
  if (result == static_cast<std::size_t>(-1) && errno != EINVAL) {
    throw EncodingError(at, fmt::format("cannot convert from {} at byte {} of the file", encoding_, at));
  }
  if (input_left > 0 && last) {
    throw EncodingError(at, fmt::format("the file ends inside a {} character (at byte {})", encoding_, at));
  }
  pending_.assign(input, input_left);
  consumed_ = at;
}

}  // namespace flowc::runtime
