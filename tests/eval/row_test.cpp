#include "runtime/rows/row.hpp"

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

// A looked-up cell's text, or "(none)".
std::string text(const std::string* cell) {
  return cell != nullptr ? *cell : "(none)";
}

Columns columns(std::vector<std::string> names) {
  return std::make_shared<const std::vector<std::string>>(std::move(names));
}

TEST(ColumnLookup, FindsWhatRowFindFindsRowAfterRow) {
  ColumnLookup lookup;
  const Columns shared = columns({"id", "qty", "note"});
  const int id_ref = 0, note_ref = 0, price_ref = 0;  // stand-ins for three references
  for (const auto& cells : {std::vector<std::string>{"A-1", "3", "x"}, {"B-2", "5"}}) {
    const Row row{2, shared, cells};
    EXPECT_EQ(lookup.find(row, &id_ref, "id"), row.find("id"));  // the cell itself, not a copy
    EXPECT_EQ(text(lookup.find(row, &note_ref, "note")), text(row.find("note")));  // "" past the cells given
    EXPECT_EQ(lookup.find(row, &price_ref, "price"), nullptr);
  }
}

TEST(ColumnLookup, AKeyReusedForAnotherColumnReadsThatColumn) {
  ColumnLookup lookup;
  const Row row{2, columns({"id", "qty"}), {"A-1", "3"}};
  const int key = 0;
  ASSERT_NE(lookup.find(row, &key, "id"), nullptr);
  const std::string* qty = lookup.find(row, &key, "qty");
  ASSERT_NE(qty, nullptr);
  EXPECT_EQ(*qty, "3");
}

TEST(ColumnLookup, NewColumnsAreLearnedAfresh) {
  ColumnLookup lookup;
  const int key = 0;
  const Row first{2, columns({"id", "qty"}), {"A-1", "3"}};
  EXPECT_EQ(*lookup.find(first, &key, "qty"), "3");
  const Row widened{3, columns({"qty", "id", "extra"}), {"7", "B-2", "e"}};
  EXPECT_EQ(*lookup.find(widened, &key, "qty"), "7");
}

}  // namespace
}  // namespace flowc::runtime
