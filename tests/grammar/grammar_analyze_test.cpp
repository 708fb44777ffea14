// PEGTL's grammar analysis finds no rule that could loop forever without consuming input.
#include <gtest/gtest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/flow_grammar.hpp"

namespace flowc::grammar {
namespace {

TEST(GrammarAnalysis, WholeFileRuleHasNoProblems) {
  EXPECT_EQ(tao::pegtl::analyze<file>(), 0u);
}

TEST(GrammarAnalysis, StatementByStatementRuleHasNoProblems) {
  EXPECT_EQ(tao::pegtl::analyze<next_statement>(), 0u);
}

}  // namespace
}  // namespace flowc::grammar
