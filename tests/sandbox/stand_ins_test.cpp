// The one list of stand-ins (tools/sandbox/stand_ins.cpp): each names a connector of the catalog,
// and the sandbox's URLs, account settings and not-found answers all come from it.
#include "tools/sandbox/stand_ins.hpp"

#include <gtest/gtest.h>

#include "connectors/list.hpp"
#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "ir/manifest/wire_shapes.hpp"
#include "tests/sandbox/sandbox_test_support.hpp"
#include "tools/sandbox/flow_binding.hpp"

namespace flowc::sandbox::testing {
namespace {

TEST(StandIns, EachStandsInForACatalogConnector) {
  for (const StandIn& stand_in : stand_ins()) {
    EXPECT_NE(catalog::installed().find_connector(std::string(stand_in.connector)), nullptr) << stand_in.connector;
    EXPECT_EQ(find_stand_in(stand_in.connector), &stand_in);
    EXPECT_EQ(find_stand_in(stand_in.service), &stand_in);
  }
}

// A sandbox run must never reach a real service: every connector that speaks HTTP has a stand-in
// of its own or is answered from its manifest's examples, an example for each of its actions; the
// rest send mail or write local files.
TEST(StandIns, EveryHttpConnectorHasOne) {
  for (const runtime::Connector* connector : runtime::connectors::installed_connectors().all()) {
    if (connector->transport != runtime::Transport::Http) continue;
    if (const StandIn* stand_in = find_stand_in(connector->name)) {
      EXPECT_FALSE(stand_in->base_path.empty()) << connector->name;
      continue;
    }
    const manifest::ConnectorManifest* described = catalog::installed().find_manifest(connector->name);
    ASSERT_NE(described, nullptr) << connector->name;
    for (const manifest::ActionManifest& action : described->actions)
      EXPECT_NE(manifest::success_example(action), nullptr) << connector->name << "." << action.name;
  }
}

class StandInRoutesTest : public SandboxTest {};

// Telegram's stand-in keeps the messages it was sent; the methods it does not model answer from
// the manifest's examples, and a method the manifest does not have either is Telegram's 404.
TEST_F(StandInRoutesTest, TelegramMethodsBeyondTheStubAnswerFromTheManifest) {
  start();
  auto photo = client().Post("/telegram/bot123:abc/sendPhoto", R"({"chat_id":"1","photo":"https://x/y.jpg"})",
                             "application/json");
  ASSERT_TRUE(photo);
  EXPECT_EQ(photo->status, 200);
  EXPECT_NE(photo->body.find(R"("message_id": 8)"), std::string::npos) << photo->body;
  auto unknown = client().Post("/telegram/bot123:abc/sendDice", "{}", "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

// Google Sheets' stand-in reads its sheets from CSV; an append is answered from the manifest's
// example (the sheet is not changed), after the same credential check as a read.
TEST_F(StandInRoutesTest, SheetsAppendsAnswerFromTheManifest) {
  start();
  httplib::Headers bearer{{"Authorization", "Bearer sandbox-token"}};
  auto appended = client().Post("/sheets/v4/spreadsheets/s1/values/Leads:append?valueInputOption=USER_ENTERED", bearer,
                                R"({"values":[["Iryna"]]})", "application/json");
  ASSERT_TRUE(appended);
  EXPECT_EQ(appended->status, 200);
  EXPECT_NE(appended->body.find(R"("updatedRows": 1)"), std::string::npos) << appended->body;
  auto anonymous = client().Post("/sheets/v4/spreadsheets/s1/values/Leads:append", R"({"values":[["x"]]})",
                                 "application/json");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 403);
}

TEST_F(StandInRoutesTest, AnUnknownPathNamesEveryService) {
  start();
  auto res = client().Get("/nowhere");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_NE(res->body.find("services live under /keepincrm/v1, /telegram, /sheets, /http; see also"), std::string::npos)
      << res->body;
}

TEST_F(StandInRoutesTest, AnUnservedPathIsAnsweredInTheServicesOwnShape) {
  start();
  auto telegram = client().Get("/telegram/nothing");
  ASSERT_TRUE(telegram);
  EXPECT_EQ(telegram->status, 404);
  EXPECT_EQ(telegram->body, R"({"ok":false,"error_code":404,"description":"Not Found"})");
  auto sheets = client().Get("/sheets/nothing");
  ASSERT_TRUE(sheets);
  EXPECT_EQ(sheets->status, 404);
  EXPECT_NE(sheets->body.find("NOT_FOUND"), std::string::npos) << sheets->body;
}

TEST_F(StandInRoutesTest, AccountsArePointedAtTheirStandIn) {
  start();
  const AccountOverrides overrides = account_overrides(*sandbox_);
  ir::Account sheets;
  sheets.connector = "google_sheets";
  const std::string base = sandbox_->base_url("sheets");
  EXPECT_EQ(overrides(sheets), (std::vector<std::pair<std::string, std::string>>{{"base_url", base},
                                                                                 {"token_url", base + "/token"}}));
  ir::Account mail;
  mail.connector = "email";
  EXPECT_EQ(overrides(mail), (std::vector<std::pair<std::string, std::string>>{{"smtp_url", sandbox_->smtp_url()}}));
  ir::Account api;
  api.connector = "http";
  EXPECT_EQ(overrides(api), (std::vector<std::pair<std::string, std::string>>{{"base_url", sandbox_->base_url("http")}}));
  ir::Account files;
  files.connector = "csv";
  EXPECT_TRUE(overrides(files).empty());
}

}  // namespace
}  // namespace flowc::sandbox::testing
