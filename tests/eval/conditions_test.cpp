#include "runtime/eval/conditions.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "eval_test_support.hpp"
#include "runtime/eval/eval_error.hpp"

namespace flowc::runtime {
namespace {

using namespace flowc::runtime::testing;
using Op = ir::CompareOp;
using Kind = ir::Condition::Kind;

struct CompareCase {
  std::string lhs;
  Op op;
  std::string rhs;
  bool expected;
};

void PrintTo(const CompareCase& c, std::ostream* os) {
  *os << "\"" << c.lhs << "\" op" << static_cast<int>(c.op) << " \"" << c.rhs << "\"";
}

class Comparison : public ::testing::TestWithParam<CompareCase> {
 protected:
  ir::Flow flow_;
  ConditionEvaluator evaluator_{flow_};
};

// Both operands come from cells, so every operator is tested on data text.
TEST_P(Comparison, Evaluates) {
  const CompareCase& c = GetParam();
  const MapScope scope{{"row.a", c.lhs}, {"row.b", c.rhs}};
  EXPECT_EQ(evaluator_.evaluate(compare(refv("row.a"), c.op, refv("row.b")), scope), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Equality, Comparison,
    ::testing::Values(CompareCase{"abc", Op::Eq, "abc", true}, CompareCase{"abc", Op::Eq, "ABC", false},
                      CompareCase{"10", Op::Eq, "10.0", true}, CompareCase{"1e3", Op::Eq, "1000", true},
                      CompareCase{" 7 ", Op::Eq, "7", true},  // numbers ignore surrounding spaces
                      CompareCase{"7a", Op::Eq, "7", false}, CompareCase{"", Op::Eq, "", true},
                      CompareCase{"abc", Op::Ne, "abd", true}, CompareCase{"5", Op::Ne, "5.00", false},
                      CompareCase{"Київ", Op::Eq, "Київ", true}));

INSTANTIATE_TEST_SUITE_P(Ordering, Comparison,
                         ::testing::Values(CompareCase{"9", Op::Lt, "10", true},    // numeric, not "9" > "10" as text
                                           CompareCase{"9", Op::Lt, "10x", false},  // text: '9' > '1'
                                           CompareCase{"-3.5", Op::Lt, "-3", true}, CompareCase{"2", Op::Le, "2", true},
                                           CompareCase{"3", Op::Le, "2", false}, CompareCase{"100", Op::Gt, "99", true},
                                           CompareCase{"b", Op::Gt, "a", true},
                                           CompareCase{"B", Op::Gt, "a", false},  // byte order
                                           CompareCase{"я", Op::Gt, "z", true}, CompareCase{"abc", Op::Ge, "abc", true},
                                           CompareCase{"", Op::Lt, "a", true},
                                           CompareCase{"1e3", Op::Gt, "999", true}));

INSTANTIATE_TEST_SUITE_P(Text, Comparison,
                         ::testing::Values(CompareCase{"order #15 paid", Op::Contains, "paid", true},
                                           CompareCase{"order", Op::Contains, "", true},
                                           CompareCase{"Paid", Op::Contains, "paid", false},
                                           CompareCase{"draft", Op::NotContains, "paid", true},
                                           CompareCase{"unpaid", Op::NotContains, "paid", false},
                                           CompareCase{"+380501234567", Op::StartsWith, "+380", true},
                                           CompareCase{"380", Op::StartsWith, "+380", false},
                                           CompareCase{"report.pdf", Op::EndsWith, ".pdf", true},
                                           CompareCase{"pdf", Op::EndsWith, ".pdf", false}));

INSTANTIATE_TEST_SUITE_P(
    Regex, Comparison,
    ::testing::Values(CompareCase{"order-123", Op::Matches, "[0-9]+", true},  // search, not full match
                      CompareCase{"order-123", Op::Matches, "^[0-9]+$", false},
                      CompareCase{"ORDER", Op::Matches, "(?i)order", true},
                      CompareCase{"Київ", Op::Matches, "^К.їв$", true},  // '.' is one character, not one byte
                      CompareCase{"a\xFF"
                                  "b",
                                  Op::Matches, "b$", true}));

struct EmptyCase {
  std::string value;
  bool empty;
};

class Emptiness : public ::testing::TestWithParam<EmptyCase> {};

TEST_P(Emptiness, IsEmptyMeansBlank) {
  const ir::Flow flow;
  const ConditionEvaluator evaluator(flow);
  const MapScope scope{{"row.a", GetParam().value}};
  EXPECT_EQ(evaluator.evaluate(compare(refv("row.a"), Op::IsEmpty), scope), GetParam().empty);
  EXPECT_EQ(evaluator.evaluate(compare(refv("row.a"), Op::IsNotEmpty), scope), !GetParam().empty);
}

INSTANTIATE_TEST_SUITE_P(Values, Emptiness,
                         ::testing::Values(EmptyCase{"", true}, EmptyCase{"  \t\n", true}, EmptyCase{"\xC2\xA0", true},
                                           EmptyCase{"0", false}, EmptyCase{" x ", false}, EmptyCase{"\"\"", false}));

class ConditionEvaluatorTest : public ::testing::Test {
 protected:
  ir::Flow flow_;
};

TEST_F(ConditionEvaluatorTest, OperandKindsGiveTheirText) {
  const ConditionEvaluator evaluator(flow_);
  const MapScope scope{{"update.result", "fail"}, {"row.qty", "12"}, {"row.flag", "true"}, {"row.name", "Ann"}};
  EXPECT_TRUE(evaluator.evaluate(compare(refv("update.result"), Op::Eq, sym("fail")), scope));
  EXPECT_FALSE(evaluator.evaluate(compare(refv("update.result"), Op::Eq, sym("success")), scope));
  EXPECT_TRUE(evaluator.evaluate(compare(refv("row.qty"), Op::Gt, num("9.5")), scope));
  EXPECT_TRUE(evaluator.evaluate(compare(refv("row.flag"), Op::Eq, boolean(true)), scope));
  EXPECT_TRUE(evaluator.evaluate(
      compare(tmpl({lit("Dear "), part("row.name", {filter("upper")})}), Op::Eq, text("Dear ANN")), scope));
}

TEST_F(ConditionEvaluatorTest, AndOrNotShortCircuit) {
  const ConditionEvaluator evaluator(flow_);
  const MapScope scope{{"row.a", "1"}};
  const ir::Condition is_one = compare(refv("row.a"), Op::Eq, num("1"));
  const ir::Condition missing = compare(refv("row.missing"), Op::Eq, num("1"));  // would throw
  const ir::Condition is_not_one = join(Kind::Not, {is_one});
  EXPECT_FALSE(evaluator.evaluate(join(Kind::And, {is_not_one, missing}), scope));
  EXPECT_TRUE(evaluator.evaluate(join(Kind::Or, {is_one, missing}), scope));
  EXPECT_TRUE(evaluator.evaluate(join(Kind::And, {is_one, join(Kind::Or, {is_not_one, is_one})}), scope));
  EXPECT_THROW(evaluator.evaluate(join(Kind::And, {is_one, missing}), scope), EvalError);
  EXPECT_THROW(evaluator.evaluate(join(Kind::Or, {is_not_one, missing}), scope), EvalError);
}

TEST_F(ConditionEvaluatorTest, MissingColumnNamesIt) {
  const ConditionEvaluator evaluator(flow_);
  try {
    evaluator.evaluate(compare(refv("row.qty"), Op::IsEmpty), MapScope{});
    FAIL() << "no error";
  } catch (const EvalError& error) {
    EXPECT_STREQ(error.what(), "row 7 has no column \"row.qty\"");
  }
}

TEST_F(ConditionEvaluatorTest, CatastrophicPatternRunsInLinearTime) {
  flow_.source.where = compare(refv("row.a"), Op::Matches, text("(a+)+$"));
  const ConditionEvaluator evaluator(flow_);
  const MapScope scope{{"row.a", std::string(200'000, 'a') + "!"}};
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(evaluator.evaluate(*flow_.source.where, scope));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(ConditionEvaluatorTest, PrecompilesLiteralPatternsInNestedIfs) {
  ir::Step inner;
  inner.kind = ir::Step::Kind::If;
  inner.if_.branches.push_back({compare(refv("row.a"), Op::Matches, text("[")), {}});
  ir::Step outer;
  outer.kind = ir::Step::Kind::If;
  outer.if_.else_body.push_back(inner);
  flow_.steps.push_back(outer);
  try {
    ConditionEvaluator evaluator(flow_);
    FAIL() << "no error";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("\"[\" is not a valid regular expression"), std::string::npos);
  }
}

TEST_F(ConditionEvaluatorTest, BadPatternFromDataIsAnEvalError) {
  const ConditionEvaluator evaluator(flow_);
  const MapScope scope{{"row.a", "abc"}, {"row.pattern", "(unclosed"}};
  const ir::Condition condition = compare(refv("row.a"), Op::Matches, tmpl({part("row.pattern")}));
  try {
    evaluator.evaluate(condition, scope);
    FAIL() << "no error";
  } catch (const EvalError& error) {
    EXPECT_NE(std::string(error.what()).find("\"(unclosed\" is not a valid regular expression"), std::string::npos);
  }
}

TEST_F(ConditionEvaluatorTest, BadPatternFromEnvIsNotShown) {
  const ConditionEvaluator evaluator(flow_);
  const MapScope scope{{"row.a", "abc"}, {"env.PATTERN", "(secret"}};
  try {
    evaluator.evaluate(compare(refv("row.a"), Op::Matches, refv("env.PATTERN")), scope);
    FAIL() << "no error";
  } catch (const EvalError& error) {
    EXPECT_EQ(std::string(error.what()).find("secret"), std::string::npos) << error.what();
  }
}

TEST_F(ConditionEvaluatorTest, PatternRenderedFromDataIsUsed) {
  const ConditionEvaluator evaluator(flow_);
  const MapScope scope{{"row.a", "SKU-42"}, {"row.prefix", "SKU"}};
  EXPECT_TRUE(evaluator.evaluate(
      compare(refv("row.a"), Op::Matches, tmpl({lit("^"), part("row.prefix"), lit("-\\d+$")})), scope));
}

}  // namespace
}  // namespace flowc::runtime
