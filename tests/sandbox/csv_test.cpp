// The CSV reader behind the seed data.
#include "runtime/sandbox/csv.hpp"

#include <gtest/gtest.h>

namespace flowc::sandbox {
namespace {

TEST(Csv, QuotesCommasNewlinesAndBom) {
  auto rows = parse_csv("\xEF\xBB\xBFid,note\r\n1,\"a, \"\"b\"\"\nc\"\r\n2,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "note"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "a, \"b\"\nc"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", ""}));
}

TEST(Csv, BlankLinesAreEmptyRowsAndLastLineNeedsNoNewline) {
  auto rows = parse_csv("a\n\nb");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[1].empty());
  EXPECT_EQ(rows[2], (std::vector<std::string>{"b"}));
  EXPECT_EQ(parse_csv("\"\"").size(), 1u);
}

TEST(Csv, UnterminatedQuoteNamesItsLine) {
  try {
    parse_csv("a\nb\n\"open,\n");
    FAIL() << "expected CsvError";
  } catch (const CsvError& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_csv_file("/nonexistent/flowc.csv"), CsvError);
}

}  // namespace
}  // namespace flowc::sandbox
