#include "ir/template_filters.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "runtime/eval/eval_error.hpp"
#include "runtime/eval/template_render.hpp"
#include "base/text/utf8.hpp"

namespace flowc::runtime {
namespace {

TEST(TemplateFilters, EveryDeclaredFilterIsImplemented) {
  for (const TemplateFilterSpec& spec : template_filters()) {
    EXPECT_TRUE(has_filter_implementation(spec.name)) << spec.name;
  }
  EXPECT_FALSE(has_filter_implementation("no_such_filter"));
}

struct FilterCase {
  std::string name;
  std::vector<std::string> args;
  std::string input;
  std::string expected;
};

void PrintTo(const FilterCase& c, std::ostream* os) {
  *os << c.name << "(" << c.input << ")";
}

class FilterOutput : public ::testing::TestWithParam<FilterCase> {};

TEST_P(FilterOutput, Transforms) {
  const FilterCase& c = GetParam();
  EXPECT_EQ(apply_filter(ir::Filter{c.name, c.args}, c.input), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    AllFilters, FilterOutput,
    ::testing::Values(
        FilterCase{"upper", {}, "Київ, ґанок", "КИЇВ, ҐАНОК"}, FilterCase{"upper", {}, "a\"\\{{x}}\n", "A\"\\{{X}}\n"},
        FilterCase{"lower", {}, "ЄВРОПА Straße", "європа straße"},
        FilterCase{"lower",
                   {},
                   "\xFF"
                   "AB",
                   "\xFF"
                   "ab"},
        FilterCase{"trim", {}, "  x y \n", "x y"}, FilterCase{"trim", {}, "\xC2\xA0 z", "z"},
        FilterCase{"default", {"-"}, "", "-"}, FilterCase{"default", {"-"}, "   ", "-"},
        FilterCase{"default", {"-"}, "0", "0"}, FilterCase{"number", {}, "1 234,50", "1234.5"},
        FilterCase{"number", {}, "1,234.50", "1234.5"}, FilterCase{"number", {}, "12", "12"},
        FilterCase{"date", {"%d.%m.%Y"}, "2024-05-31", "31.05.2024"},
        FilterCase{"date", {"%Y-%m-%d %H:%M"}, "31.05.2024 14:05", "2024-05-31 14:05"},
        FilterCase{"date", {"%Y-%m-%d"}, "5/31/2024", "2024-05-31"},
        FilterCase{"date", {"%Y-%m-%d"}, "1.5.2024", "2024-05-01"},
        FilterCase{"date", {"%H:%M:%S"}, "2024-05-31T14:05:09.250", "14:05:09"},
        FilterCase{"date", {"%Y-%m-%dT%H:%M"}, "2024-05-31T01:30:00+03:00", "2024-05-30T22:30"},
        FilterCase{"date", {"%H:%M"}, "2024-05-31T10:00Z", "10:00"},
        FilterCase{"date", {"%H:%M"}, "2024-05-31 10:00-0130", "11:30"},
        FilterCase{"date", {"%Y"}, " 2024-02-29 ", "2024"}, FilterCase{"date", {"day %d%%"}, "2024-02-29", "day 29%"},
        FilterCase{"json", {}, "say \"hi\"\\\n{{x}}", R"("say \"hi\"\\\n{{x}}")"},
        FilterCase{"json", {}, "Привіт", "\"Привіт\""}, FilterCase{"json", {}, "bad\xFF", "\"bad\xEF\xBF\xBD\""},
        FilterCase{"json", {}, std::string("nul\0x", 5), R"("nul\u0000x")"},
        FilterCase{"truncate", {"3"}, "Привіт", "При"}, FilterCase{"truncate", {"10"}, "short", "short"},
        FilterCase{"truncate", {"1"}, "😀x", "😀"}, FilterCase{"replace", {"a", "bb"}, "banana", "bbbnbbnbb"},
        FilterCase{"replace", {"", "x"}, "abc", "abc"}, FilterCase{"replace", {"{{", ""}, "{{x}}", "x}}"},
        FilterCase{"replace", {"\n", " "}, "a\nb\nc", "a b c"},
        FilterCase{"urlencode", {}, "a b&c=d/é~", "a%20b%26c%3Dd%2F%C3%A9~"},
        FilterCase{"urlencode", {}, "\xFF\"", "%FF%22"}));

struct RejectCase {
  std::string name;
  std::vector<std::string> args;
  std::string input;
  std::string message_part;
};

void PrintTo(const RejectCase& c, std::ostream* os) {
  *os << c.name << "(" << c.input << ")";
}

class FilterRejects : public ::testing::TestWithParam<RejectCase> {};

TEST_P(FilterRejects, ThrowsEvalErrorNamingTheValue) {
  const RejectCase& c = GetParam();
  try {
    apply_filter(ir::Filter{c.name, c.args}, c.input);
    FAIL() << "no error";
  } catch (const EvalError& error) {
    EXPECT_NE(std::string(error.what()).find(c.message_part), std::string::npos) << error.what();
    EXPECT_TRUE(utf8::is_valid(error.what())) << error.what();
  }
}

INSTANTIATE_TEST_SUITE_P(BadValues, FilterRejects,
                         ::testing::Values(RejectCase{"number", {}, "abc", "\"abc\" is not a number"},
                                           RejectCase{"number", {}, "12abc", "\"12abc\" is not a number"},
                                           RejectCase{"number", {}, "1\xFF", "\"1\xEF\xBF\xBD\" is not a number"},
                                           RejectCase{"number", {}, "line\nbreak", "\"line\\nbreak\""},
                                           RejectCase{"date", {"%Y"}, "yesterday", "\"yesterday\" is not a date"},
                                           RejectCase{"date", {"%Y"}, "31.02.2024", "\"31.02.2024\" is not a date"},
                                           RejectCase{"date", {"%Y"}, "2024-05-31T25:00", "is not a date"},
                                           RejectCase{"date", {"%Y"}, "2024-5-31", "is not a date"},
                                           RejectCase{"date", {"%Y"}, "", "is not a date"},
                                           RejectCase{"truncate", {"-1"}, "abc", "not a character count"},
                                           RejectCase{"truncate", {"x"}, "abc", "not a character count"},
                                           RejectCase{"nope", {}, "abc", "unknown filter \"nope\""},
                                           RejectCase{"default", {}, "", "given 0 argument(s)"},
                                           RejectCase{"upper", {"x"}, "", "given 1 argument(s)"}));

TEST(TemplateFilters, JsonOutputParsesBackToTheSameText) {
  const std::string hostile = "\"},{\"admin\":true,\"x\":\"\\\n\t\x01 {{row.x}} </script>";
  const std::string encoded = apply_filter(ir::Filter{"json", {}}, hostile);
  rapidjson::Document parsed;
  parsed.Parse(encoded.c_str(), encoded.size());
  ASSERT_FALSE(parsed.HasParseError());
  ASSERT_TRUE(parsed.IsString());
  EXPECT_EQ(std::string(parsed.GetString(), parsed.GetStringLength()), hostile);
}

TEST(TemplateFilters, LongValuesAreCutInErrorMessages) {
  try {
    apply_filter(ir::Filter{"number", {}}, std::string(10'000, 'x'));
    FAIL() << "no error";
  } catch (const EvalError& error) {
    EXPECT_LT(std::string(error.what()).size(), 200u);
  }
}

}  // namespace
}  // namespace flowc::runtime
