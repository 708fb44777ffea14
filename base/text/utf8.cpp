#include "base/text/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace flowc::utf8 {
namespace {

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// Length of a sequence from its lead byte and the smallest code point it may encode (to reject
// overlong forms); 0 for a byte that cannot start a sequence.
struct LeadInfo {
  std::size_t length;
  char32_t initial_bits;
  char32_t minimum;
};

LeadInfo lead_info(unsigned char lead) {
  if (lead < 0x80) return {1, lead, 0};
  if ((lead & 0xE0) == 0xC0) return {2, static_cast<char32_t>(lead & 0x1F), 0x80};
  if ((lead & 0xF0) == 0xE0) return {3, static_cast<char32_t>(lead & 0x0F), 0x800};
  if ((lead & 0xF8) == 0xF0) return {4, static_cast<char32_t>(lead & 0x07), 0x10000};
  return {0, 0, 0};
}

// Bytes of the no-break spaces trim() removes besides ASCII white space.
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";

bool is_ascii_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// Length of the white space at the start of `text` (0 when it starts with something else).
std::size_t leading_space_length(std::string_view text) {
  if (text.empty()) return 0;
  if (is_ascii_space(text.front())) return 1;
  if (text.starts_with(kNoBreakSpace)) return kNoBreakSpace.size();
  if (text.starts_with(kNarrowNoBreakSpace)) return kNarrowNoBreakSpace.size();
  return 0;
}

std::size_t trailing_space_length(std::string_view text) {
  if (text.empty()) return 0;
  if (is_ascii_space(text.back())) return 1;
  if (text.ends_with(kNoBreakSpace)) return kNoBreakSpace.size();
  if (text.ends_with(kNarrowNoBreakSpace)) return kNarrowNoBreakSpace.size();
  return 0;
}

}  // namespace

Decoded decode(std::string_view text, std::size_t pos) {
  const Decoded invalid{kReplacementCharacter, 1, false};
  const LeadInfo info = lead_info(static_cast<unsigned char>(text[pos]));
  if (info.length == 0 || pos + info.length > text.size()) return invalid;
  char32_t code_point = info.initial_bits;
  for (std::size_t i = 1; i < info.length; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    if (!is_continuation(byte)) return invalid;
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < info.minimum || code_point > 0x10FFFF || surrogate) return invalid;
  return {code_point, info.length, true};
}

void append(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

template <typename Word>
bool all_ascii_at(const char* at) {
  Word word = 0;
  std::memcpy(&word, at, sizeof word);
  return (word & static_cast<Word>(kHighBits)) == 0;
}

// Where decoding has to start: the position of the first 8 (or 4) bytes that are not all ASCII,
// or text.size() when the text is ASCII. Every string of every payload is checked, and nearly all
// are ASCII, so this reads eight bytes at a time and ends, like a short text, with loads that
// overlap the bytes already seen instead of a byte at a time.
std::size_t ascii_run(std::string_view text) {
  const char* const data = text.data();
  const std::size_t size = text.size();
  if (size < 4) {
    std::size_t pos = 0;
    while (pos < size && static_cast<unsigned char>(data[pos]) < 0x80) ++pos;
    return pos;
  }
  if (size < 8) {
    if (!all_ascii_at<std::uint32_t>(data)) return 0;
    return all_ascii_at<std::uint32_t>(data + size - 4) ? size : size - 4;
  }
  std::size_t pos = 0;
  for (; size - pos >= 8; pos += 8) {
    if (!all_ascii_at<std::uint64_t>(data + pos)) return pos;
  }
  if (pos == size) return size;
  return all_ascii_at<std::uint64_t>(data + size - 8) ? size : size - 8;
}

}  // namespace

std::size_t first_invalid(std::string_view text) {
  // The bytes before a run's end are ASCII, so it is a character boundary to decode from.
  std::size_t pos = ascii_run(text);
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Decoded decoded = decode(text, pos);
    if (!decoded.valid) return pos;
    pos += decoded.length;
    pos += ascii_run(text.substr(pos));
  }
  return std::string_view::npos;
}

bool is_ascii(std::string_view text) { return ascii_run(text) == text.size(); }

bool is_valid(std::string_view text) {
  return first_invalid(text) == std::string_view::npos;
}

std::string sanitize(std::string_view text) {
  if (is_valid(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t pos = 0; pos < text.size();) {
    const Decoded decoded = decode(text, pos);
    if (decoded.valid) {
      out.append(text.substr(pos, decoded.length));
    } else {
      append(out, kReplacementCharacter);
    }
    pos += decoded.length;
  }
  return out;
}

std::string truncate(std::string_view text, std::size_t max_chars) {
  std::size_t pos = 0;
  for (std::size_t chars = 0; chars < max_chars && pos < text.size(); ++chars) {
    pos += decode(text, pos).length;
  }
  return std::string(text.substr(0, pos));
}

std::string_view trim(std::string_view text) {
  while (std::size_t n = leading_space_length(text)) text.remove_prefix(n);
  while (std::size_t n = trailing_space_length(text)) text.remove_suffix(n);
  return text;
}

bool is_blank(std::string_view text) {
  return trim(text).empty();
}

}  // namespace flowc::utf8
