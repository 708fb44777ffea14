// `flowc connectors`: the catalog readable in a terminal, and clear errors for unknown names.
#include <gtest/gtest.h>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "runtime/json_util.hpp"
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

// What an editor reads for completion: every connector of the catalog, each field's type and
// flags, and the examples a .flowtest may name.
TEST(ConnectorsCommand, JsonHoldsTheCatalogForEditors) {
  const CommandResult all = run_flowc("connectors --json");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const auto parsed = runtime::connectors::parse_json(all.out);
  ASSERT_TRUE(parsed && (*parsed)["connectors"].IsArray()) << all.out;
  const auto& connectors = (*parsed)["connectors"];
  ASSERT_EQ(connectors.Size(), catalog::installed().connectors().size());
  for (rapidjson::SizeType i = 0; i < connectors.Size(); ++i) {
    const catalog::ConnectorSpec& spec = catalog::installed().connectors()[i];
    EXPECT_EQ(connectors[i]["name"].GetString(), spec.name);
    EXPECT_EQ(connectors[i]["actions"].Size(), spec.actions.size()) << spec.name;
  }

  const CommandResult one = run_flowc("connectors --json keepincrm");
  const auto crm = runtime::connectors::parse_json(one.out);
  ASSERT_TRUE(crm && (*crm)["connectors"].Size() == 1) << one.out;
  const auto& key = (*crm)["connectors"][0]["account_fields"][0];
  EXPECT_STREQ(key["name"].GetString(), "api_key");
  EXPECT_TRUE(key["required"].GetBool() && key["secret"].GetBool());
  const auto& create = (*crm)["connectors"][0]["actions"][1];
  EXPECT_STREQ(create["name"].GetString(), "create_order");
  EXPECT_EQ(flowc::to_json(create["examples"]), R"(["created","invalid_phone"])");
  EXPECT_NE(run_flowc("connectors --json nosuch").exit_code, 0);
}

TEST(ConnectorsCommand, OneActionOnly) {
  const CommandResult result = run_flowc("connectors telegram.send_message");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(result.out.starts_with("telegram.send_message (send)")) << result.out;
  EXPECT_EQ(result.out.find("bot_token"), std::string::npos) << "account fields belong to the connector view";
}

TEST(ConnectorsCommand, UnknownNamesFailWithTheChoices) {
  CommandResult result = run_flowc("connectors smoke_signals");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no connector `smoke_signals`; connectors: csv, google_sheets"), std::string::npos) << result.err;
  result = run_flowc("connectors keepincrm.delete_order");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("has no action `delete_order`; actions: update_order, create_order"), std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace flowc::testing
