#include "base/text/utf8.hpp"

#include <gtest/gtest.h>

namespace flowc::utf8 {
namespace {

struct CaseCase {
  std::string input;
  std::string upper;
  std::string lower;
};

class CaseMapping : public ::testing::TestWithParam<CaseCase> {};

TEST_P(CaseMapping, MapsBothWays) {
  EXPECT_EQ(to_upper(GetParam().input), GetParam().upper);
  EXPECT_EQ(to_lower(GetParam().input), GetParam().lower);
}

INSTANTIATE_TEST_SUITE_P(
    Scripts, CaseMapping,
    ::testing::Values(CaseCase{"Hello, World 42!", "HELLO, WORLD 42!", "hello, world 42!"},
                      CaseCase{"Crème Brûlée Øre ÿ", "CRÈME BRÛLÉE ØRE Ÿ", "crème brûlée øre ÿ"},
                      CaseCase{"× ÷ ß", "× ÷ ß", "× ÷ ß"},  // not letters / no one-character upper case
                      CaseCase{"Łódź Ŝ", "ŁÓDŹ Ŝ", "łódź ŝ"}, CaseCase{"Привіт, Юрію", "ПРИВІТ, ЮРІЮ", "привіт, юрію"},
                      CaseCase{"їжак Ґанок єнот Ёж", "ЇЖАК ҐАНОК ЄНОТ ЁЖ", "їжак ґанок єнот ёж"},
                      CaseCase{"Αθήνα ς", "ΑΘΉΝΑ Σ", "αθήνα ς"}, CaseCase{"日本 😀", "日本 😀", "日本 😀"},
                      CaseCase{"a\xFF\xC3z\xD0", "A\xFF\xC3Z\xD0", "a\xFF\xC3z\xD0"}));  // invalid bytes kept

TEST(Utf8, DecodeRejectsOverlongSurrogateAndTruncatedSequences) {
  EXPECT_FALSE(decode("\xC0\xAF", 0).valid);          // overlong '/'
  EXPECT_FALSE(decode("\xED\xA0\x80", 0).valid);      // surrogate U+D800
  EXPECT_FALSE(decode("\xF4\x90\x80\x80", 0).valid);  // above U+10FFFF
  EXPECT_FALSE(decode("\xE2\x82", 0).valid);          // cut short
  EXPECT_EQ(decode("\xE2\x82\xAC", 0).code_point, U'€');
  EXPECT_EQ(decode("\xE2\x82\xAC", 0).length, 3u);
}

TEST(Utf8, SanitizeReplacesEachInvalidByte) {
  EXPECT_EQ(sanitize("ok"), "ok");
  EXPECT_EQ(sanitize("a\xFF"
                     "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(sanitize("\xC3"), "\xEF\xBF\xBD");
  EXPECT_TRUE(is_valid(sanitize("\xF0\x9F\x98 \xED\xA0\x80")));
}

// The ASCII scan reads short texts and the ends of long ones in overlapping pieces: a bad byte,
// or a good sequence, at every place of every short length must still be seen.
TEST(Utf8, IsValidSeesEveryPlaceOfShortTexts) {
  for (std::size_t length = 1; length <= 40; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      std::string text(length, 'a');
      text[at] = '\xFF';
      EXPECT_FALSE(is_valid(text)) << "bad byte at " << at << " of " << length;
      text.replace(at, 1, "\xD0\x96");  // Ж
      EXPECT_TRUE(is_valid(text)) << "Ж at " << at << " of " << length;
      text.replace(at, 2, "\xD0");  // cut short
      EXPECT_FALSE(is_valid(text)) << "cut sequence at " << at << " of " << length;
    }
  }
}

TEST(Utf8, TruncateCountsCharactersNotBytes) {
  EXPECT_EQ(truncate("Привіт", 3), "При");
  EXPECT_EQ(truncate("😀😀", 1), "😀");
  EXPECT_EQ(truncate("ab", 5), "ab");
  EXPECT_EQ(truncate("a\xFF"
                     "b",
                     2),
            "a\xFF");
  EXPECT_EQ(truncate("abc", 0), "");
}

TEST(Utf8, TrimRemovesAsciiAndNoBreakSpaces) {
  EXPECT_EQ(trim(" \t\xC2\xA0x y\xE2\x80\xAF\r\n"), "x y");
  EXPECT_TRUE(is_blank(" \xC2\xA0 "));
  EXPECT_FALSE(is_blank(" . "));
}

// ASCII is checked eight bytes at a time: a bad or a good sequence at any offset, in any
// length of text around it, must still be seen.
TEST(Utf8, ValidityIsSeenAtEveryOffset) {
  for (const auto& [sequence, valid] : std::vector<std::pair<std::string, bool>>{
           {"\xFF", false}, {"\xC3", false}, {"\xE2\x82", false}, {"\xED\xA0\x80", false}, {"\xC0\xAF", false},
           {"\xC3\xA9", true}, {"\xE2\x82\xAC", true}, {"\xF0\x9F\x98\x80", true}}) {
    for (std::size_t length = 0; length <= 24; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        const std::string text = std::string(at, 'a') + sequence + std::string(length - at, 'b');
        EXPECT_EQ(is_valid(text), valid) << "length " << length << ", at " << at;
      }
    }
  }
}

}  // namespace
}  // namespace flowc::utf8
