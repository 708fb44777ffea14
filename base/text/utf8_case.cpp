// Upper/lower case for the scripts our users write in: Latin, Cyrillic and Greek. A full Unicode
// case table would be a dependency of its own; these blocks cover the data flows actually carry.
#include <array>

#include "base/text/utf8.hpp"

namespace flowc::utf8 {
namespace {

// A block where an upper-case letter and its lower-case partner are a fixed distance apart.
struct OffsetRange {
  char32_t upper_first;
  char32_t upper_last;
  char32_t lower_first;
};

constexpr std::array kOffsetRanges{
    OffsetRange{U'A', U'Z', U'a'},       OffsetRange{0x00C0, 0x00D6, 0x00E0},  // À..Ö
    OffsetRange{0x00D8, 0x00DE, 0x00F8},                                       // Ø..Þ (skipping × and ÷)
    OffsetRange{0x0410, 0x042F, 0x0430},                                       // А..Я
    OffsetRange{0x0400, 0x040F, 0x0450},                                       // Ѐ..Џ, including Є І Ї
    OffsetRange{0x0391, 0x03A1, 0x03B1},                                       // Α..Ρ
    OffsetRange{0x03A3, 0x03AB, 0x03C3},                                       // Σ..Ϋ (U+03A2 is unassigned)
    OffsetRange{0x0388, 0x038A, 0x03AD},                                       // Έ Ή Ί
    OffsetRange{0x038E, 0x038F, 0x03CD},                                       // Ύ Ώ
};

// A block where letters alternate upper, lower; `upper_is_even` says which parity is upper.
struct AlternatingRange {
  char32_t first;
  char32_t last;
  bool upper_is_even;
};

constexpr std::array kAlternatingRanges{
    AlternatingRange{0x0100, 0x0137, true},   // Ā..ķ
    AlternatingRange{0x0139, 0x0148, false},  // Ĺ..ň
    AlternatingRange{0x014A, 0x0177, true},   // Ŋ..ŷ
    AlternatingRange{0x0179, 0x017E, false},  // Ź..ž
    AlternatingRange{0x0460, 0x0481, true},   // Ѡ..ҁ
    AlternatingRange{0x048A, 0x04BF, true},   // Ҋ..ҿ, including Ґ ґ
    AlternatingRange{0x04C1, 0x04CE, false},  // Ӂ..ӎ
    AlternatingRange{0x04D0, 0x052F, true},   // Ӑ..ԯ
};

// Pairs that fit no block.
struct Pair {
  char32_t upper;
  char32_t lower;
};

constexpr std::array kPairs{
    Pair{0x0178, 0x00FF},  // Ÿ ÿ
    Pair{0x04C0, 0x04CF},  // Ӏ ӏ
    Pair{0x0386, 0x03AC},  // Ά ά
    Pair{0x038C, 0x03CC},  // Ό ό
};

constexpr char32_t kFinalSigma = 0x03C2;
constexpr char32_t kCapitalSigma = 0x03A3;

char32_t upper_of(char32_t c) {
  if (c == kFinalSigma) return kCapitalSigma;
  for (const OffsetRange& range : kOffsetRanges) {
    const char32_t lower_last = range.lower_first + (range.upper_last - range.upper_first);
    if (c >= range.lower_first && c <= lower_last) return c - range.lower_first + range.upper_first;
  }
  for (const AlternatingRange& range : kAlternatingRanges) {
    if (c < range.first || c > range.last) continue;
    const bool is_upper = (c % 2 == 0) == range.upper_is_even;
    return is_upper ? c : c - 1;
  }
  for (const Pair& pair : kPairs) {
    if (c == pair.lower) return pair.upper;
  }
  return c;
}

char32_t lower_of(char32_t c) {
  for (const OffsetRange& range : kOffsetRanges) {
    if (c >= range.upper_first && c <= range.upper_last) return c - range.upper_first + range.lower_first;
  }
  for (const AlternatingRange& range : kAlternatingRanges) {
    if (c < range.first || c > range.last) continue;
    const bool is_upper = (c % 2 == 0) == range.upper_is_even;
    return is_upper ? c + 1 : c;
  }
  for (const Pair& pair : kPairs) {
    if (c == pair.upper) return pair.lower;
  }
  return c;
}

template <typename MapFn>
std::string map_characters(std::string_view text, MapFn map) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const Decoded decoded = decode(text, pos);
    if (decoded.valid) {
      append(out, map(decoded.code_point));
    } else {
      out += text[pos];  // invalid bytes pass through untouched
    }
    pos += decoded.length;
  }
  return out;
}

}  // namespace

std::string to_upper(std::string_view text) {
  return map_characters(text, upper_of);
}
std::string to_lower(std::string_view text) {
  return map_characters(text, lower_of);
}

}  // namespace flowc::utf8
