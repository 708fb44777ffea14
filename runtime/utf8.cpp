#include "runtime/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace flowc::runtime::utf8 {
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

bool is_valid(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    // Most text is ASCII, which needs no decoding: every string of every payload comes here, so
    // eight bytes are checked at once while none has its high bit set.
    if (std::uint64_t word = 0; text.size() - pos >= sizeof word) {
      std::memcpy(&word, text.data() + pos, sizeof word);
      if ((word & 0x8080808080808080ull) == 0) {
        pos += sizeof word;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Decoded decoded = decode(text, pos);
    if (!decoded.valid) return false;
    pos += decoded.length;
  }
  return true;
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

}  // namespace flowc::runtime::utf8
