// `flowc connectors`: the catalog readable in a terminal, and clear errors for unknown names.
#include <gtest/gtest.h>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

TEST(ConnectorsCommand, OverviewListsEveryConnectorAndAction) {
  const CommandResult result = run_flowc("connectors");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  for (const catalog::ConnectorSpec& connector : catalog::installed().connectors()) {
    EXPECT_NE(result.out.find(connector.name + "  "), std::string::npos) << connector.name;
    for (const catalog::ActionSpec& action : connector.actions) {
      EXPECT_NE(result.out.find(action.name + " ("), std::string::npos) << connector.name << "." << action.name;
    }
  }
}

TEST(ConnectorsCommand, OneConnectorShowsTypesRequiredSecretAndResponse) {
  const CommandResult result = run_flowc("connectors keepincrm");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  // Columns are aligned per table, so match the words with the spacing collapsed.
  std::string collapsed;
  for (char c : result.out) {
    if (c != ' ' || collapsed.empty() || collapsed.back() != ' ') collapsed += c;
  }
  EXPECT_NE(collapsed.find("account NAME = keepincrm { ... }\n api_key string required secret API key"),
            std::string::npos)
      << result.out;
  EXPECT_NE(collapsed.find("keepincrm.update_order (send)"), std::string::npos) << result.out;
  EXPECT_NE(collapsed.find(" on_many enum: first|fail When several"), std::string::npos) << result.out;
  EXPECT_NE(collapsed.find(" custom_fields.<name> any "), std::string::npos) << result.out;
  EXPECT_NE(collapsed.find(" response: result, errors, status, id, title"), std::string::npos) << result.out;
}

TEST(ConnectorsCommand, OneActionOnly) {
  const CommandResult result = run_flowc("connectors telegram.send_message");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(result.out.starts_with("telegram.send_message (send)")) << result.out;
  EXPECT_EQ(result.out.find("bot_token"), std::string::npos) << "account fields belong to the connector view";
}

TEST(ConnectorsCommand, UnknownNamesFailWithTheChoices) {
  CommandResult result = run_flowc("connectors slack");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no connector `slack`; connectors: csv, google_sheets"), std::string::npos) << result.err;
  result = run_flowc("connectors keepincrm.delete_order");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("has no action `delete_order`; actions: update_order, create_order"), std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace flowc::testing
