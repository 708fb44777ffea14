#include "runtime/eval/filters/number_text.hpp"

#include <gtest/gtest.h>

namespace flowc::runtime {
namespace {

struct NormalizeCase {
  std::string input;
  std::optional<std::string> expected;
};

void PrintTo(const NormalizeCase& c, std::ostream* os) {
  *os << "\"" << c.input << "\"";
}

class NormalizeNumber : public ::testing::TestWithParam<NormalizeCase> {};

TEST_P(NormalizeNumber, GivesCanonicalForm) {
  EXPECT_EQ(normalize_number(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, NormalizeNumber,
    ::testing::Values(
        NormalizeCase{"12", "12"}, NormalizeCase{"1 234,50", "1234.5"}, NormalizeCase{"1,234.50", "1234.5"},
        NormalizeCase{"1.234,50", "1234.5"}, NormalizeCase{"1.234.567", "1234567"},
        NormalizeCase{"1,234,567", "1234567"}, NormalizeCase{"1,5", "1.5"},
        NormalizeCase{"1\xC2\xA0"
                      "000",
                      "1000"},
        NormalizeCase{"1'000.25", "1000.25"}, NormalizeCase{" -0012.3400 ", "-12.34"}, NormalizeCase{"+7", "7"},
        NormalizeCase{"-0", "0"}, NormalizeCase{".5", "0.5"}, NormalizeCase{"5.", "5"}, NormalizeCase{"12.00", "12"},
        NormalizeCase{"1.5e3", "1500"}, NormalizeCase{"98765432109876543210", "98765432109876543210"},
        NormalizeCase{"", std::nullopt}, NormalizeCase{"abc", std::nullopt}, NormalizeCase{"12abc", std::nullopt},
        NormalizeCase{"1.2.3,4,5", std::nullopt}, NormalizeCase{"1,2.3,4", std::nullopt},
        NormalizeCase{"-", std::nullopt}, NormalizeCase{".", std::nullopt}, NormalizeCase{"1e", std::nullopt},
        NormalizeCase{"0x10", std::nullopt}, NormalizeCase{"--1", std::nullopt}));

struct StrictCase {
  std::string input;
  std::optional<double> expected;
};

void PrintTo(const StrictCase& c, std::ostream* os) {
  *os << "\"" << c.input << "\"";
}

class StrictNumber : public ::testing::TestWithParam<StrictCase> {};

TEST_P(StrictNumber, AcceptsOnlyWholePlainNumbers) {
  EXPECT_EQ(parse_strict_number(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Forms, StrictNumber,
                         ::testing::Values(StrictCase{"12", 12}, StrictCase{"-3.5", -3.5}, StrictCase{"1e3", 1000},
                                           StrictCase{" 7 ", 7}, StrictCase{"+4", 4}, StrictCase{".5", 0.5},
                                           StrictCase{"12abc", std::nullopt}, StrictCase{"", std::nullopt},
                                           StrictCase{"1,5", std::nullopt}, StrictCase{"inf", std::nullopt},
                                           StrictCase{"nan", std::nullopt}, StrictCase{"1e999", std::nullopt},
                                           StrictCase{"+-1", std::nullopt}, StrictCase{"0x10", std::nullopt},
                                           StrictCase{"-inf", std::nullopt}, StrictCase{"-", std::nullopt},
                                           StrictCase{"draft", std::nullopt}, StrictCase{"-2", -2}));

}  // namespace
}  // namespace flowc::runtime
