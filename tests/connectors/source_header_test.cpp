// `flowc check` reads a source's file header through its connector's source action
// (SourceAction::read_header), never by comparing connector names.
#include <gtest/gtest.h>

#include "connectors/list.hpp"
#include "runtime/connector.hpp"
#include "tests/support/flow_fixture.hpp"

namespace flowc::testing {
namespace {

using runtime::connectors::installed_connectors;

TEST(SourceHeader, CsvNewRowsReadsTheHeaderUnderTheAccountsFolder) {
  const TempDir dir;
  std::filesystem::create_directories(dir.path() / "data");
  dir.write("data/orders.csv", "id;name\n1;a\n");
  const runtime::SourceAction* action = installed_connectors().find_source("csv", "new_rows");
  ASSERT_NE(action, nullptr);
  const auto header = action->read_header({{"path", "orders.csv"}, {"delimiter", ";"}}, {{"dir", "data"}},
                                          dir.path().string());
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->columns, (std::vector<std::string>{"id", "name"}));
  EXPECT_TRUE(header->problem.empty()) << header->problem;
}

TEST(SourceHeader, ASourceWithoutALocalFileHasNone) {
  const runtime::SourceAction* action = installed_connectors().find_source("google_sheets", "new_rows");
  ASSERT_NE(action, nullptr);
  EXPECT_FALSE(action->read_header({{"spreadsheet_id", "x"}}, {}, ".").has_value());
}

}  // namespace
}  // namespace flowc::testing
