#include "runtime/eval/row_scope.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "eval_test_support.hpp"

namespace flowc::runtime {
namespace {

using namespace flowc::runtime::testing;

Columns columns(std::vector<std::string> names) {
  return std::make_shared<const std::vector<std::string>>(std::move(names));
}

// Templates read `row.number` in place, as they read cells, and see what lookup() gives.
TEST(RowScope, RowNumberIsReadInPlaceAsLookupGivesIt) {
  const RunFacts facts;
  const Row row{7, columns({"id", "note"}), {"A-1", "x"}};
  const RowScope scope(facts, &row, nullptr);
  const ir::Ref number = ref("row.number");
  const std::string* text = scope.text_in_place(number);
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(*text, "7");
  EXPECT_EQ(scope.lookup(number).text, "7");
  EXPECT_EQ(scope.text_in_place(number), text);  // one place, which views of it may keep
  EXPECT_EQ(scope.text_in_place(ref("row.price")), nullptr);
}

TEST(RowScope, AColumnNamedNumberWinsOverTheRowNumber) {
  const RunFacts facts;
  const Row row{7, columns({"number"}), {"N-5"}};
  const RowScope scope(facts, &row, nullptr);
  const std::string* text = scope.text_in_place(ref("row.number"));
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(*text, "N-5");
}

}  // namespace
}  // namespace flowc::runtime
