// Rows with data errors, `--row` and `--limit`: what automation reads from the exit code.
#include "tests/rows/rows_fixture.hpp"

namespace flowc::testing {
namespace {

constexpr int kExitUsage = 2;
constexpr int kExitRowErrors = 5;

using RowErrors = RowsRun;

TEST_F(RowErrors, CleanRunExitsZero) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n2,table\n");
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(copied(), "id,name\n1,chair\n2,table\n");
}

TEST_F(RowErrors, RaggedRowEndsTheRunWithTheRowErrorsCode) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n2,table,oak\n3,lamp\n");
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, kExitRowErrors) << run.out << run.err;
  EXPECT_NE(run.out.find("row 3 has 3 cells but the header has 2 columns"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("delimiter"), std::string::npos) << run.out;  // no `;` in the line: no hint
  EXPECT_EQ(copied(), "id,name\n1,chair\n3,lamp\n");
}

TEST_F(RowErrors, RaggedRowWithSemicolonsSuggestsTheDelimiter) {
  write_flow("");
  write_csv("id;name;price\n1;chair;10,50\n");
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, kExitRowErrors) << run.out << run.err;
  EXPECT_NE(run.out.find("row 2 has 2 cells but the header has 1 columns; the line contains `;`"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("set `delimiter = \";\"` on the source"), std::string::npos) << run.out;
}

TEST_F(RowErrors, MissingKeyEndsTheRunWithTheRowErrorsCode) {
  write_flow("key = id");
  write_csv("id,name\n,chair\n2,table\n");
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, kExitRowErrors) << run.out << run.err;
  EXPECT_NE(run.out.find("row 2 has no value in key column 'id'"), std::string::npos) << run.out;
  EXPECT_EQ(copied(), "id,name\n2,table\n");
}

TEST_F(RowErrors, KeyMissingFromASemicolonHeaderSuggestsTheDelimiter) {
  write_flow("key = id");
  write_csv("id;name\n1;chair\n");
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, kExitRowErrors) << run.out << run.err;
  EXPECT_NE(run.out.find("the source has no key column 'id' (its one column is named 'id;name': if its cells are "
                         "separated by semicolons, set `delimiter = \";\"` on the source)"),
            std::string::npos)
      << run.out;
}

TEST_F(RowErrors, DryRunWithARowErrorExitsWithTheRowErrorsCode) {
  write_flow("key = id");
  write_csv("id,name\n1,chair,oak\n");
  EXPECT_EQ(flowc("run", "--dry-run").exit_code, kExitRowErrors);
}

TEST_F(RowErrors, RowPastTheEndSaysSo) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n2,table\n");
  const CommandResult run = flowc("run", "--row 99");
  EXPECT_EQ(run.exit_code, kExitUsage) << run.out << run.err;
  EXPECT_NE(run.err.find("the source has no row 99 (its rows are numbered 2 to 3"), std::string::npos) << run.err;
  EXPECT_EQ(copied(), "");
}

TEST_F(RowErrors, RowOneIsTheHeader) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n");
  const CommandResult run = flowc("run", "--row 1");
  EXPECT_EQ(run.exit_code, kExitUsage) << run.out << run.err;
  EXPECT_NE(run.err.find("--row 1 is the header"), std::string::npos) << run.err;
  EXPECT_EQ(copied(), "");
}

TEST_F(RowErrors, RowThatExistsRunsAlone) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n2,table,oak\n3,lamp\n");
  const CommandResult run = flowc("run", "--row 4");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;  // row 3's error is not this run's business
  EXPECT_EQ(copied(), "id,name\n3,lamp\n");
}

TEST_F(RowErrors, LimitCountsRowsNotHandledBefore) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n2,table\n3,lamp\n");
  EXPECT_EQ(flowc("run", "--limit 1").exit_code, 0);
  EXPECT_EQ(copied(), "id,name\n1,chair\n");
  const CommandResult second = flowc("run", "--limit 1");
  EXPECT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(copied(), "id,name\n1,chair\n2,table\n");
}

}  // namespace
}  // namespace flowc::testing
