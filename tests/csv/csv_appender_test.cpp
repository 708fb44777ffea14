#include "runtime/rows/csv_appender.hpp"

#include "csv_test_support.hpp"
#include "runtime/rows/csv_source.hpp"

namespace flowc::runtime {
namespace {

class CsvAppenderTest : public testing::TempDirTest {};

TEST_F(CsvAppenderTest, WritesTheHeaderOnceThenRecords) {
  {
    CsvAppender appender(path("out.csv"));
    appender.append({{"id", "1"}, {"status", "ok"}});
    appender.append({{"id", "2"}, {"status", "fail"}});
  }
  CsvAppender reopened(path("out.csv"));
  EXPECT_EQ(reopened.columns(), (std::vector<std::string>{"id", "status"}));
  reopened.append({{"id", "3"}, {"status", "ok"}});
  EXPECT_EQ(read("out.csv"), "id,status\n1,ok\n2,fail\n3,ok\n");
}

TEST_F(CsvAppenderTest, ExistingHeaderOrdersColumnsAndMissingFieldsAreEmpty) {
  write("out.csv", "status;id;note\n");
  CsvAppender appender(path("out.csv"), ';');
  appender.append({{"id", "7"}, {"status", "ok"}});
  EXPECT_EQ(read("out.csv"), "status;id;note\nok;7;\n");
}

TEST_F(CsvAppenderTest, UnknownOrRepeatedFieldIsRejectedAndNothingWritten) {
  write("out.csv", "id\n");
  CsvAppender appender(path("out.csv"));
  EXPECT_THROW(appender.append({{"id", "1"}, {"extra", "x"}}), std::invalid_argument);
  EXPECT_THROW(appender.append({{"id", "1"}, {"id", "2"}}), std::invalid_argument);
  EXPECT_EQ(read("out.csv"), "id\n");
}

struct QuoteCase {
  std::string cell;
  std::string written;
};

class CsvAppenderQuoting : public testing::TempDirTest, public ::testing::WithParamInterface<QuoteCase> {};

TEST_P(CsvAppenderQuoting, QuotesWhenNeededAndReadsBack) {
  {
    CsvAppender appender(path("out.csv"));
    appender.append({{"v", GetParam().cell}, {"after", "z"}});
  }
  EXPECT_EQ(read("out.csv"), "v,after\n" + GetParam().written + ",z\n");
  CsvSource source(path("out.csv"));
  std::optional<Row> row = source.next();
  ASSERT_TRUE(row);
  EXPECT_EQ(row->cells, (std::vector<std::string>{GetParam().cell, "z"}));
}

INSTANTIATE_TEST_SUITE_P(Cells, CsvAppenderQuoting,
                         ::testing::Values(QuoteCase{"plain", "plain"}, QuoteCase{"a,b", "\"a,b\""},
                                           QuoteCase{"say \"hi\"", "\"say \"\"hi\"\"\""},
                                           QuoteCase{"two\nlines", "\"two\nlines\""}, QuoteCase{"cr\r", "\"cr\r\""},
                                           QuoteCase{"Київ", "Київ"}, QuoteCase{"x", "x"}));

struct TornCase {
  std::string name;
  std::string before;
  std::string after_append;
};

void PrintTo(const TornCase& c, std::ostream* os) {
  *os << c.name;
}

class CsvAppenderTorn : public testing::TempDirTest, public ::testing::WithParamInterface<TornCase> {};

TEST_P(CsvAppenderTorn, CutsTheTornRecordBeforeAppending) {
  write("out.csv", GetParam().before);
  CsvAppender appender(path("out.csv"));
  appender.append({{"id", "9"}, {"note", "new"}});
  EXPECT_EQ(read("out.csv"), GetParam().after_append);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CsvAppenderTorn,
    ::testing::Values(TornCase{"complete", "id,note\n1,a\n", "id,note\n1,a\n9,new\n"},
                      TornCase{"mid_line", "id,note\n1,a\n2,hal", "id,note\n1,a\n9,new\n"},
                      TornCase{"inside_quoted_line_break", "id,note\n1,a\n2,\"first\nsec", "id,note\n1,a\n9,new\n"},
                      TornCase{"right_after_quoted_line_break", "id,note\n1,a\n2,\"first\n", "id,note\n1,a\n9,new\n"},
                      TornCase{"kept_quoted_line_break", "id,note\n1,\"x\ny\"\n", "id,note\n1,\"x\ny\"\n9,new\n"},
                      TornCase{"torn_header", "id,no", "id,note\n9,new\n"},
                      TornCase{"crlf_file", "id,note\r\n1,a\r\n2,b", "id,note\r\n1,a\r\n9,new\n"}));

TEST_F(CsvAppenderTest, UnwritableDirectoryNamesPathAndReason) {
  try {
    CsvAppender appender("/nonexistent/dir/out.csv");
    FAIL() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "cannot open /nonexistent/dir/out.csv: No such file or directory");
  }
}

}  // namespace
}  // namespace flowc::runtime
