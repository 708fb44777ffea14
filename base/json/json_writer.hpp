// JSON written straight into a std::string: a request body goes into the string that is sent,
// with no intermediate buffer to allocate and copy, and the writer allocates nothing else for
// the shallow documents that requests are.
#pragma once

#include <rapidjson/allocators.h>
#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <string>

#include "base/text/short_decimal.hpp"

namespace flowc {

// A RapidJSON output stream into a std::string. The writer reserves room before each value and
// then puts characters one by one; they go straight into the string's buffer, which is sized
// ahead (geometrically) and trimmed to what was written by take().
class JsonOutput {
 public:
  using Ch = char;
  void reserve(std::size_t count) {
    if (used_ + count > text_.size()) text_.resize(std::max({used_ + count, 2 * text_.size(), kFirstSize}));
  }
  void put_unsafe(char c) { text_[used_++] = c; }
  void put_unsafe(const char* bytes, std::size_t count) {
    std::memcpy(text_.data() + used_, bytes, count);
    used_ += count;
  }
  void Put(char c) {
    reserve(1);
    put_unsafe(c);
  }
  void Flush() {}
  // The text written so far; the output starts empty again.
  std::string take() {
    text_.resize(used_);
    used_ = 0;
    return std::move(text_);
  }

 private:
  // Room for a typical request body at once (the writer asks for six bytes per character of a
  // string, in case each needs escaping, so a guess from the first value would be too small, and
  // a 50-character message text alone asks for 300).
  static constexpr std::size_t kFirstSize = 512;
  std::string text_;
  std::size_t used_ = 0;
};

// Found by argument-dependent lookup from rapidjson::Writer, in place of its generic versions.
inline void PutReserve(JsonOutput& out, std::size_t count) { out.reserve(count); }
inline void PutUnsafe(JsonOutput& out, char c) { out.put_unsafe(c); }

using JsonWriterBase =
    rapidjson::Writer<JsonOutput, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>>;

#ifdef __SSE2__
namespace detail {
// Bit i is set when byte i of `bytes` must be escaped in a JSON string (a control character, '"'
// or '\\').
inline unsigned escape_mask(__m128i bytes) {
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i below_space = _mm_set1_epi8(0x1F);
  // max(b, 0x1F) == 0x1F exactly for the bytes 0x00..0x1F (unsigned, so UTF-8 bytes are not caught)
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(bytes, below_space), below_space);
  const __m128i special =
      _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
  return static_cast<unsigned>(_mm_movemask_epi8(special));
}

// The first byte to escape among the `Width` bytes at `at`, or null. Only those bytes are read;
// the zeros the register holds beyond them would count as control characters, so their bits are
// dropped.
template <std::size_t Width>
inline const char* first_to_escape_in(const char* at) {
  __m128i bytes;
  if constexpr (Width == 16) {
    bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  } else if constexpr (Width == 8) {
    bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(at));
  } else {
    static_assert(Width == 4);
    int word = 0;
    std::memcpy(&word, at, sizeof word);
    bytes = _mm_cvtsi32_si128(word);
  }
  const unsigned mask = escape_mask(bytes) & ((1u << Width) - 1);
  return mask != 0 ? at + __builtin_ctz(mask) : nullptr;
}

// The first byte to escape in [at, end), `Width` to 2 * `Width` bytes, or `end`: two loads that
// may overlap. The bytes of the second that the first saw are clear, so its first hit is the
// first after them.
template <std::size_t Width>
inline const char* first_to_escape_in_pair(const char* at, const char* end) {
  if (const char* hit = first_to_escape_in<Width>(at)) return hit;
  const char* hit = first_to_escape_in<Width>(end - Width);
  return hit != nullptr ? hit : end;
}
}  // namespace detail
#endif

// The first byte in [begin, end) that a JSON string must escape (a control character, '"' or
// '\\'), or `end`. Sixteen bytes at a time where SSE2 is there (every x86-64); a rest shorter
// than that, and a short string, in overlapping loads of 16, 8 or 4 bytes that stay inside the
// string, rather than byte by byte (keys and most values are shorter than 16 bytes).
inline const char* first_to_escape(const char* begin, const char* end) {
  const char* at = begin;
#ifdef __SSE2__
  for (; end - at >= 16; at += 16) {
    if (const char* hit = detail::first_to_escape_in<16>(at)) return hit;
  }
  if (at == end) return end;
  if (end - begin >= 16) {  // the last 16 bytes: those before `at` were seen clear above
    const char* hit = detail::first_to_escape_in<16>(end - 16);
    return hit != nullptr ? hit : end;
  }
  if (end - at >= 8) return detail::first_to_escape_in_pair<8>(at, end);
  if (end - at >= 4) return detail::first_to_escape_in_pair<4>(at, end);
#endif
  while (at != end && static_cast<unsigned char>(*at) >= 0x20 && *at != '"' && *at != '\\') ++at;
  return at;
}

}  // namespace flowc

// The hook rapidjson::Writer offers for copying the bytes of a string that need no escape in one
// go (RapidJSON fills it in with SIMD for its own StringBuffer only): without it every byte takes
// the escape table and the transcoder on its own. Writes exactly what the byte-by-byte path does:
// only control characters, '"' and '\\' are escaped; other bytes are copied as they are.
template <>
inline bool flowc::JsonWriterBase::ScanWriteUnescapedString(rapidjson::StringStream& is, std::size_t length) {
  const char* const end = is.head_ + length;
  const char* const stop = flowc::first_to_escape(is.src_, end);
  os_->put_unsafe(is.src_, static_cast<std::size_t>(stop - is.src_));  // room reserved by WriteString
  is.src_ = stop;
  return stop != end;
}

namespace flowc {

namespace detail {
// The writer's nesting stack starts in this buffer (base-from-member: it must exist before the
// rapidjson::Writer base is built). A writer nested deeper than the buffer holds borrows from
// malloc.
struct JsonWriterStorage {
  JsonWriterStorage() : stack_pool(stack_buffer.data(), stack_buffer.size()) {}
  alignas(std::max_align_t) std::array<char, 384> stack_buffer;
  JsonOutput output;
  rapidjson::MemoryPoolAllocator<> stack_pool;
};
}  // namespace detail

// A compact JSON writer into a string of its own: write a value, then take() the text.
class JsonWriter : private detail::JsonWriterStorage, public JsonWriterBase {
 public:
  JsonWriter() : JsonWriterBase(output, &stack_pool, kLevels) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Hides rapidjson::Writer::Double wherever a JsonWriter is the handler (Value::Accept calls it
  // by this type): short decimals, nearly every number in a request body, are written without
  // Grisu2. The text is the same either way.
  bool Double(double value) {
    char text[kShortDecimalChars];
    const std::size_t size = short_decimal_text(value, text);
    if (size == 0) return JsonWriterBase::Double(value);
    Prefix(rapidjson::kNumberType);
    PutReserve(*os_, size);
    os_->put_unsafe(text, size);
    return EndValue(true);
  }

  // The JSON written; the writer is ready for a new value.
  std::string take() {
    Reset(output);
    return output.take();
  }

 private:
  static constexpr std::size_t kLevels = 16;  // 16 bytes a level: fits the buffer with the pool's header
};

// Compact JSON text of a value.
std::string to_json(const rapidjson::Value& value);

}  // namespace flowc
