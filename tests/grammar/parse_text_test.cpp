// The parser's text helpers: UTF-8 validation, escape decoding, template assembly.
#include "compiler/parse/parse_text.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace flowc::parse_text {
namespace {

struct Utf8Case {
  const char* name;
  std::string text;
  std::optional<std::size_t> invalid_at;
};

class FindInvalidUtf8 : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(FindInvalidUtf8, FindsTheFirstBadByte) {
  EXPECT_EQ(find_invalid_utf8(GetParam().text), GetParam().invalid_at);
}

INSTANTIATE_TEST_SUITE_P(
    ParseText, FindInvalidUtf8,
    ::testing::Values(Utf8Case{"Empty", "", std::nullopt}, Utf8Case{"Ascii", "flow \"x\"\n", std::nullopt},
                      Utf8Case{"TwoThreeFourBytes", "\xC3\xA9 \xE2\x98\xBA \xF0\x9F\x98\x80", std::nullopt},
                      Utf8Case{"MaxCodePoint", "\xF4\x8F\xBF\xBF", std::nullopt},
                      Utf8Case{"LoneContinuation", "ab\x80", 2}, Utf8Case{"Truncated", "a\xE2\x98", 1},
                      Utf8Case{"TruncatedBeforeAscii", "a\xE2\x98x", 1}, Utf8Case{"OverlongSlash", "\xC0\xAF", 0},
                      Utf8Case{"OverlongThreeBytes", "\xE0\x80\xAF", 0}, Utf8Case{"Surrogate", "\xED\xA0\x80", 0},
                      Utf8Case{"PastMax", "\xF4\x90\x80\x80", 0}, Utf8Case{"InvalidLead", "ok\xFF", 2}),
    [](const auto& test_case) { return std::string(test_case.param.name); });

struct EscapeCase {
  const char* escape;
  std::optional<std::string> decoded;
};

class DecodeEscape : public ::testing::TestWithParam<EscapeCase> {};

TEST_P(DecodeEscape, DecodesOrRejects) {
  EXPECT_EQ(decode_escape(GetParam().escape), GetParam().decoded);
}

INSTANTIATE_TEST_SUITE_P(ParseText, DecodeEscape,
                         ::testing::Values(EscapeCase{"\\n", "\n"}, EscapeCase{"\\t", "\t"}, EscapeCase{"\\\"", "\""},
                                           EscapeCase{"\\\\", "\\"}, EscapeCase{"\\{", "{"}, EscapeCase{"\\u{41}", "A"},
                                           EscapeCase{"\\u{263A}", "\xE2\x98\xBA"},
                                           EscapeCase{"\\u{1F600}", "\xF0\x9F\x98\x80"},
                                           EscapeCase{"\\u{10FFFF}", "\xF4\x8F\xBF\xBF"},
                                           EscapeCase{"\\u{D800}", std::nullopt},
                                           EscapeCase{"\\u{110000}", std::nullopt}));

TEST(AssembleTemplate, MergesAdjacentTextAndKeepsInterpolationsApart) {
  std::vector<Segment> segments;
  segments.push_back({Segment::Kind::Source, "a", {}});
  segments.push_back({Segment::Kind::Escaped, "\n", {}});
  segments.push_back({Segment::Kind::Source, "b", {}});
  Segment interpolation{Segment::Kind::Interpolation, {}, {}};
  interpolation.interpolation.ref.parts.push_back({"row", {}});
  segments.push_back(interpolation);
  segments.push_back(interpolation);
  segments.push_back({Segment::Kind::Source, "c", {}});
  const std::vector<ast::TemplatePart> parts = assemble_template(segments, false);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].text, "a\nb");
  EXPECT_TRUE(parts[1].is_interpolation);
  EXPECT_TRUE(parts[2].is_interpolation);
  EXPECT_EQ(parts[3].text, "c");
}

TEST(AssembleTemplate, PlainStringsAreNotDedented) {
  const std::vector<ast::TemplatePart> parts = assemble_template({{Segment::Kind::Source, "  x  ", {}}}, false);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "  x  ");
}

}  // namespace
}  // namespace flowc::parse_text
