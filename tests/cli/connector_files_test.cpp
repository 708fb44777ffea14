// `flowc connectors new NAME` writes a manifest that `flowc connectors check` accepts; `check`
// reports a broken manifest with file:line:col and a caret and exits 1; plain `flowc connectors`
// still lists the catalog.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace flowc::testing {
namespace {

TEST(ConnectorFiles, NewWritesAManifestThatCheckAccepts) {
  const TempDir dir;
  const std::string root = (dir.path() / "connectors").string();
  const CommandResult created = run_flowc("connectors new shop --dir " + root);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string file = root + "/shop/shop.connector";
  ASSERT_TRUE(std::filesystem::exists(file)) << created.out;
  const CommandResult checked = run_flowc("connectors check " + file);
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("connector shop, 2 actions"), std::string::npos) << checked.out;
  EXPECT_TRUE(checked.err.empty()) << checked.err;

  const CommandResult again = run_flowc("connectors new shop --dir " + root);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("exists already; not overwritten"), std::string::npos) << again.err;
  const CommandResult bad_name = run_flowc("connectors new 'My Shop' --dir " + root);
  EXPECT_EQ(bad_name.exit_code, 2);
  EXPECT_NE(bad_name.err.find("not `My Shop`"), std::string::npos) << bad_name.err;
}

TEST(ConnectorFiles, CheckReportsEveryProblemWithACaretAndExits1) {
  const TempDir dir;
  const std::string file = dir.write("shop.connector", R"(connector shop {
  description = "A shop."
  base_url    = "https://shop.example.com"
  action create_order {
    kind        = sned
    description = "Creates an order."
    request { method = POST  path = "orders"  body = json }
  }
}
)");
  const CommandResult checked = run_flowc("connectors check " + file);
  EXPECT_EQ(checked.exit_code, 1);
  EXPECT_NE(checked.err.find("shop.connector:5:19: error[M013]"), std::string::npos) << checked.err;
  EXPECT_NE(checked.err.find("    5 |     kind        = sned\n      |                   ^~~~"), std::string::npos)
      << checked.err;
  EXPECT_NE(checked.err.find("did you mean `send`?"), std::string::npos) << checked.err;
}

TEST(ConnectorFiles, CheckAcceptsTheBuiltInManifestsAndListingStillWorks) {
  const std::string folder = std::string(FLOWC_SOURCE_DIR) + "/connectors/";
  const CommandResult checked =
      run_flowc("connectors check " + folder + "keepincrm/keepincrm.connector " + folder + "telegram/telegram.connector");
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("connector keepincrm, 2 actions\n"), std::string::npos) << checked.out;
  const CommandResult listed = run_flowc("connectors");
  EXPECT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.out.find("Run `flowc connectors NAME`"), std::string::npos) << listed.out;
}

}  // namespace
}  // namespace flowc::testing
