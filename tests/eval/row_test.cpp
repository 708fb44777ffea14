#include "runtime/row.hpp"

#include <gtest/gtest.h>

namespace flowc::runtime {
namespace {

TEST(Row, FindsCellsByColumnName) {
  const Row row{
      7, std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"id", "qty", "note"}), {"A-1", "3"}};
  ASSERT_NE(row.find("id"), nullptr);
  EXPECT_EQ(*row.find("id"), "A-1");
  EXPECT_EQ(*row.find("qty"), "3");
  ASSERT_NE(row.find("note"), nullptr);  // beyond the cells given: an empty cell, not a missing column
  EXPECT_EQ(*row.find("note"), "");
  EXPECT_EQ(row.find("price"), nullptr);
  EXPECT_EQ(row.find("ID"), nullptr);
}

TEST(Row, WithoutColumnsFindsNothing) {
  EXPECT_EQ(Row{}.find("id"), nullptr);
}

}  // namespace
}  // namespace flowc::runtime
