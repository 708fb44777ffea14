#include "runtime/rows/csv_source.hpp"

#include <sys/resource.h>

#include <fstream>

#include "csv_test_support.hpp"

namespace flowc::runtime {
namespace {

using Cells = std::vector<std::string>;

struct ExpectedRow {
  std::uint64_t number;
  Cells cells;
};

struct ParseCase {
  std::string name;
  std::string content;
  CsvOptions options;
  Cells columns;
  std::vector<ExpectedRow> rows;
};

void PrintTo(const ParseCase& c, std::ostream* os) {
  *os << c.name;
}

class CsvParse : public testing::TempDirTest, public ::testing::WithParamInterface<ParseCase> {};

TEST_P(CsvParse, ReadsColumnsAndRows) {
  const ParseCase& c = GetParam();
  CsvSource source(write("in.csv", c.content), c.options);
  std::vector<ExpectedRow> rows;
  while (std::optional<Row> row = source.next()) {
    EXPECT_EQ(row->cells.size(), row->columns->size());
    rows.push_back({row->number, row->cells});
  }
  EXPECT_EQ(*source.columns(), c.columns);
  ASSERT_EQ(rows.size(), c.rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].number, c.rows[i].number) << "row " << i;
    EXPECT_EQ(rows[i].cells, c.rows[i].cells) << "row " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CsvParse,
    ::testing::Values(
        ParseCase{"plain", "id,qty\n1,2\n3,4\n", {}, {"id", "qty"}, {{2, {"1", "2"}}, {3, {"3", "4"}}}},
        ParseCase{"no_final_newline", "id,qty\n1,2", {}, {"id", "qty"}, {{2, {"1", "2"}}}},
        ParseCase{"one_cell_without_final_newline", "id\n7", {}, {"id"}, {{2, {"7"}}}},
        ParseCase{"crlf", "id,qty\r\n1,2\r\n3,4\r\n", {}, {"id", "qty"}, {{2, {"1", "2"}}, {3, {"3", "4"}}}},
        ParseCase{"bom", "\xEF\xBB\xBFid,qty\n1,2\n", {}, {"id", "qty"}, {{2, {"1", "2"}}}},
        ParseCase{"quoted_delimiter_and_quotes",
                  "id,note\n1,\"a, \"\"b\"\"\"\n",
                  {},
                  {"id", "note"},
                  {{2, {"1", "a, \"b\""}}}},
        ParseCase{"embedded_newlines",
                  "id,note\n1,\"line1\nline2\r\nline3\"\n2,x\n",
                  {},
                  {"id", "note"},
                  {{2, {"1", "line1\nline2\r\nline3"}}, {3, {"2", "x"}}}},
        ParseCase{"blank_lines_skipped_but_counted", "id\n1\n\n2\r\n\r\n\n", {}, {"id"}, {{2, {"1"}}, {4, {"2"}}}},
        ParseCase{
            "short_rows_padded", "a,b,c\n1\n1,2\n", {}, {"a", "b", "c"}, {{2, {"1", "", ""}}, {3, {"1", "2", ""}}}},
        ParseCase{"extra_empty_cells_dropped", "a,b\n1,2,,\n", {}, {"a", "b"}, {{2, {"1", "2"}}}},
        ParseCase{"quoted_empty_cell_is_a_row", "a,b\n\"\"\n", {}, {"a", "b"}, {{2, {"", ""}}}},
        ParseCase{"stray_quotes_kept", "a,b\n5\" screen,\"x\"y\n", {}, {"a", "b"}, {{2, {"5\" screen", "xy"}}}},
        ParseCase{"semicolon", "a;b\n\"1;2\";3\n", {.delimiter = ';'}, {"a", "b"}, {{2, {"1;2", "3"}}}},
        ParseCase{"tab", "a\tb\n1\t2\n", {.delimiter = '\t'}, {"a", "b"}, {{2, {"1", "2"}}}},
        ParseCase{"header_trimmed_and_empty_named_by_letter",
                  " id ,,qty\n1,2,3\n",
                  {},
                  {"id", "B", "qty"},
                  {{2, {"1", "2", "3"}}}},
        ParseCase{"no_header_letters_and_growth",
                  "1,2\n3,4,5\n",
                  {.header = false},
                  {"A", "B", "C"},
                  {{1, {"1", "2"}}, {2, {"3", "4", "5"}}}},
        ParseCase{"empty_file", "", {}, {}, {}}, ParseCase{"header_only", "a,b\n", {}, {"a", "b"}, {}},
        ParseCase{"utf8", "имя\nОлена\n", {}, {"имя"}, {{2, {"Олена"}}}}));

struct BadCase {
  std::string name;
  std::string content;
  std::uint64_t row;
  std::string column;
  std::string message;
};

void PrintTo(const BadCase& c, std::ostream* os) {
  *os << c.name;
}

class CsvBadData : public testing::TempDirTest, public ::testing::WithParamInterface<BadCase> {};

TEST_P(CsvBadData, ThrowsDataErrorWithRowAndColumn) {
  const BadCase& c = GetParam();
  try {
    CsvSource source(write("bad.csv", c.content), CsvOptions{.max_record_bytes = 64});
    while (source.next()) {
    }
    FAIL() << "no error";
  } catch (const DataError& error) {
    EXPECT_EQ(error.row(), c.row);
    EXPECT_EQ(error.column(), c.column);
    EXPECT_EQ(error.what(), c.message);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, CsvBadData,
                         ::testing::Values(BadCase{"too_many_cells", "a,b\n1,2\n1,2,3\n", 3, "",
                                                   "row 3 has 3 cells but the header has 2 columns"},
                                           BadCase{"unterminated_quote", "a,b\n1,\"open\nmore\n", 2, "b",
                                                   "row 2: column \"b\" opens a quote that is never closed"},
                                           BadCase{"unterminated_quote_in_header", "a,\"b\n", 1, "B",
                                                   "the header's column B opens a quote that is never closed"},
                                           BadCase{"duplicate_header", "id,name,id\n", 1, "id",
                                                   "the header names column \"id\" twice (columns A and C)"},
                                           BadCase{"invalid_utf8", "id,name\n1,Олена\xFF\n", 2, "name",
                                                   "row 2, column \"name\": not valid UTF-8 at byte 10 of the cell "
                                                   "(byte 0xFF); the file is not UTF-8: set its encoding on the "
                                                   "source, e.g. `encoding = \"cp1251\"` for a file saved by Excel "
                                                   "on Ukrainian or Russian Windows"},
                                           BadCase{"invalid_utf8_in_header", "id,\xE8\xEC\xFF\n", 1, "B",
                                                   "the header's column B: not valid UTF-8 at byte 0 of the cell "
                                                   "(byte 0xE8); the file is not UTF-8: set its encoding on the "
                                                   "source, e.g. `encoding = \"cp1251\"` for a file saved by Excel "
                                                   "on Ukrainian or Russian Windows"},
                                           BadCase{"record_too_long", "a\n\"" + std::string(100, 'x') + "\"\n", 2, "",
                                                   "row 2 is longer than 64 bytes (is a quote never closed?)"}));

TEST(CsvSourceOpen, MissingFileNamesPathAndReason) {
  try {
    CsvSource source("/nonexistent/dir/orders.csv");
    FAIL() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "cannot open /nonexistent/dir/orders.csv: No such file or directory");
  }
}

TEST(CsvSourceNames, SpreadsheetColumnNames) {
  EXPECT_EQ(spreadsheet_column_name(0), "A");
  EXPECT_EQ(spreadsheet_column_name(25), "Z");
  EXPECT_EQ(spreadsheet_column_name(26), "AA");
  EXPECT_EQ(spreadsheet_column_name(27), "AB");
  EXPECT_EQ(spreadsheet_column_name(701), "ZZ");
  EXPECT_EQ(spreadsheet_column_name(702), "AAA");
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

class CsvLargeFile : public testing::TempDirTest {};

// A million rows stream through in bounded memory: peak RSS grows far less than the file's size.
TEST_F(CsvLargeFile, MillionRowsInBoundedMemory) {
  constexpr int kRows = 1'000'000;
  {
    std::ofstream out(path("big.csv"), std::ios::binary);
    out << "id,name,amount,note\n";
    for (int i = 0; i < kRows; ++i) out << i << ",customer " << i << ",\"1 234,50\",\"a, b\"\n";
  }
  const auto file_kib = static_cast<long>(std::filesystem::file_size(path("big.csv")) / 1024);
  const long before = peak_rss_kib();
  CsvSource source(path("big.csv"));
  std::uint64_t rows = 0;
  std::uint64_t last_number = 0;
  while (std::optional<Row> row = source.next()) {
    ++rows;
    last_number = row->number;
  }
  EXPECT_EQ(rows, static_cast<std::uint64_t>(kRows));
  EXPECT_EQ(last_number, static_cast<std::uint64_t>(kRows) + 1);
#ifndef __SANITIZE_ADDRESS__  // AddressSanitizer keeps freed memory in quarantine, so RSS says nothing there
  EXPECT_LT(peak_rss_kib() - before, file_kib / 4) << "file " << file_kib << " KiB";
#else
  (void)before;
  (void)file_kib;
#endif
}

// Cells of every length, quoted and not, with quotes, delimiters and line breaks inside, so the
// reader's 64 KB buffer ends inside every kind of cell somewhere: each must come back whole.
TEST_F(CsvLargeFile, CellsAcrossBufferEndsComeBackWhole) {
  std::vector<Cells> written;
  {
    std::ofstream out(path("cells.csv"), std::ios::binary);
    out << "plain,quoted,long\n";
    for (int i = 0; i < 4000; ++i) {
      Cells cells{std::string(static_cast<std::size_t>(i % 61), static_cast<char>('a' + i % 26)),
                  "say \"" + std::to_string(i) + "\", then,\nnew line",
                  std::string(static_cast<std::size_t>(i % 17 == 0 ? 70'000 : i % 300), 'x')};
      std::string quoted = cells[1];
      for (std::size_t at = 0; (at = quoted.find('"', at)) != std::string::npos; at += 2) quoted.insert(at, "\"");
      out << cells[0] << ",\"" << quoted << "\"," << cells[2] << (i % 2 == 0 ? "\r\n" : "\n");
      written.push_back(std::move(cells));
    }
  }
  CsvSource source(path("cells.csv"), CsvOptions{.max_record_bytes = 1 << 20});
  std::size_t index = 0;
  while (std::optional<Row> row = source.next()) {
    ASSERT_LT(index, written.size());
    ASSERT_EQ(row->cells, written[index]) << "record " << index;
    ++index;
  }
  EXPECT_EQ(index, written.size());
}

// Text is checked for UTF-8 a buffer chunk at a time where the chunk is all ASCII, and cell by
// cell where it is not: a bad byte is found wherever it sits, also in a row that starts in an
// ASCII chunk and ends in the next one, and UTF-8 text in a later chunk passes.
TEST_F(CsvLargeFile, BadUtf8IsFoundInARowThatSpansAnAsciiChunkAndTheNext) {
  constexpr std::size_t kChunk = 64 * 1024;
  for (const bool valid : {true, false}) {
    std::string text = "id,note\n";
    int rows = 0;
    while (text.size() < kChunk - 100) text += std::to_string(++rows) + ",plain ascii note\n";
    const std::string filler = std::to_string(++rows) + ",";
    text += filler + std::string(kChunk - 16 - text.size() - filler.size() - 1, 'f') + "\n";
    const std::string tail = valid ? "Олена" : "Ол\xFF";
    text += std::to_string(++rows) + "," + std::string(20, 'x') + tail + "\n";  // starts 16 bytes before the chunk's end
    write("span.csv", text);
    CsvSource source(path("span.csv"));
    int read = 0;
    try {
      while (source.next()) ++read;
      EXPECT_TRUE(valid) << "the bad byte was not found";
      EXPECT_EQ(read, rows);
    } catch (const DataError& error) {
      EXPECT_FALSE(valid) << error.what();
      EXPECT_EQ(error.row(), static_cast<std::uint64_t>(rows) + 1);
      EXPECT_EQ(read, rows - 1);
      EXPECT_NE(std::string(error.what()).find("not valid UTF-8 at byte 24 of the cell"), std::string::npos)
          << error.what();
    }
  }
}

// Reading into one Row again and again (as the interpreter does) gives what fresh rows give,
// whatever the earlier rows left in it: wider rows, longer cells, quoted line breaks.
TEST_F(CsvLargeFile, RowsReadIntoOneRowMatchFreshRows) {
  const std::string content =
      "a,b,c\n1,\"two\nlines\",3\n\nlong long long long cell,x\n\"q\"\"q\",,\n4\n5,6,7,,\n";
  CsvSource fresh(write("fresh.csv", content));
  CsvSource reused(write("reused.csv", content));
  Row row;
  while (std::optional<Row> expected = fresh.next()) {
    ASSERT_TRUE(reused.next_into(row));
    EXPECT_EQ(row.number, expected->number);
    EXPECT_EQ(row.cells, expected->cells) << "row " << expected->number;
    EXPECT_EQ(*row.columns, *expected->columns);
  }
  EXPECT_FALSE(reused.next_into(row));
}

}  // namespace
}  // namespace flowc::runtime
