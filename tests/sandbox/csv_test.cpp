// The seed data reader: the csv source's tokenizer, with blank lines kept as empty sheet rows.
#include "tools/sandbox/files/csv.hpp"

#include <gtest/gtest.h>

#include "tests/support/flow_fixture.hpp"

namespace flowc::sandbox {
namespace {

TEST(Csv, QuotesCommasNewlinesAndBom) {
  testing::TempDir dir;
  auto rows = read_csv_file(dir.write("a.csv", "\xEF\xBB\xBFid,note\r\n1,\"a, \"\"b\"\"\nc\"\r\n2,\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "note"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "a, \"b\"\nc"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", ""}));
}

TEST(Csv, BlankLinesAreEmptyRowsAndLastLineNeedsNoNewline) {
  testing::TempDir dir;
  auto rows = read_csv_file(dir.write("a.csv", "a\n\nb"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[1].empty());
  EXPECT_EQ(rows[2], (std::vector<std::string>{"b"}));
}

TEST(Csv, UnterminatedQuoteNamesItsFileAndLine) {
  testing::TempDir dir;
  const std::string file = dir.write("a.csv", "a\nb\n\"open,\n");
  try {
    read_csv_file(file);
    FAIL() << "expected CsvError";
  } catch (const CsvError& e) {
    EXPECT_NE(std::string(e.what()).find(file + ": line 3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_csv_file("/nonexistent/flowc.csv"), CsvError);
}

}  // namespace
}  // namespace flowc::sandbox
