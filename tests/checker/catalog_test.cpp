// The connector catalog, the diagnostic code table and name suggestions.
#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"

#include <gtest/gtest.h>

#include <set>

#include "ir/diagnostic_codes.hpp"
#include "compiler/check/suggest.hpp"

namespace flowc {
namespace {

using catalog::FieldType;

TEST(Catalog, FindsConnectorsActionsAndFields) {
  const catalog::ConnectorSpec* crm = catalog::installed().find_connector("keepincrm");
  ASSERT_NE(crm, nullptr);
  EXPECT_EQ(catalog::installed().find_connector("keepin"), nullptr);
  const catalog::ActionSpec* update = catalog::find_action(*crm, "update_order");
  ASSERT_NE(update, nullptr);
  EXPECT_EQ(update->kind, catalog::ActionKind::Send);
  EXPECT_EQ(catalog::find_action(*crm, "delete_order"), nullptr);

  const catalog::FieldSpec* find_by = catalog::find_field(update->fields, "find_by");
  ASSERT_NE(find_by, nullptr);
  EXPECT_TRUE(find_by->required);
  EXPECT_EQ(catalog::find_field(update->fields, "client.phones")->type, FieldType::List);
  EXPECT_EQ(catalog::find_field(update->fields, "titel"), nullptr);
}

TEST(Catalog, WildcardFieldsMatchOnlyBelowTheirPrefix) {
  const catalog::ActionSpec* request = catalog::find_action(*catalog::installed().find_connector("http"), "request");
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(catalog::find_field(request->fields, "headers.X-Request-Id")->name, "headers.*");
  EXPECT_EQ(catalog::find_field(request->fields, "body.order.id")->name, "body.*");
  EXPECT_EQ(catalog::find_field(request->fields, "headers"), nullptr);
  EXPECT_EQ(catalog::find_field(request->fields, "headersX"), nullptr);
}

TEST(Catalog, ResponseFields) {
  const catalog::ConnectorSpec* crm = catalog::installed().find_connector("keepincrm");
  const catalog::ActionSpec* create = catalog::find_action(*crm, "create_order");
  EXPECT_TRUE(catalog::has_response_field(*create, "id"));
  EXPECT_TRUE(catalog::has_response_field(*create, "result"));
  EXPECT_TRUE(catalog::has_response_field(*create, "errors"));
  EXPECT_FALSE(catalog::has_response_field(*create, "identifier"));
  const catalog::ActionSpec* request = catalog::find_action(*catalog::installed().find_connector("http"), "request");
  EXPECT_TRUE(catalog::has_response_field(*request, "data.items"));
  const catalog::ActionSpec* email = catalog::find_action(*catalog::installed().find_connector("email"), "send");
  EXPECT_FALSE(catalog::has_response_field(*email, "id"));
}

TEST(Catalog, EveryHttpConnectorTakesBaseUrlAndRateLimit) {
  for (const catalog::ConnectorSpec& connector : catalog::installed().connectors()) {
    if (connector.name == "csv" || connector.name == "email") continue;  // not HTTP
    SCOPED_TRACE(connector.name);
    const catalog::FieldSpec* base_url = catalog::find_field(connector.account_fields, "base_url");
    const catalog::FieldSpec* rate = catalog::find_field(connector.account_fields, "rate_limit");
    ASSERT_NE(base_url, nullptr);
    ASSERT_NE(rate, nullptr);
    EXPECT_EQ(rate->type, FieldType::Rate);
  }
}

TEST(Catalog, CredentialsAreSecrets) {
  const std::pair<std::string, std::string> secrets[] = {
      {"keepincrm", "api_key"}, {"telegram", "bot_token"},    {"email", "password"},
      {"http", "bearer_token"}, {"google_sheets", "api_key"}, {"google_sheets", "access_token"}};
  for (const auto& [connector, field] : secrets) {
    SCOPED_TRACE(connector + "." + field);
    EXPECT_TRUE(catalog::find_field(catalog::installed().find_connector(connector)->account_fields, field)->secret);
  }
  EXPECT_FALSE(
      catalog::find_field(catalog::installed().find_connector("google_sheets")->account_fields, "service_account_file")->secret);
}

TEST(Catalog, NamesAreUniqueAndEnumsHaveChoices) {
  std::set<std::string> connectors;
  for (const catalog::ConnectorSpec& connector : catalog::installed().connectors()) {
    EXPECT_TRUE(connectors.insert(connector.name).second) << connector.name;
    EXPECT_FALSE(connector.description.empty()) << connector.name;
    std::set<std::string> actions;
    for (const catalog::ActionSpec& action : connector.actions) {
      EXPECT_TRUE(actions.insert(action.name).second) << action.name;
      std::set<std::string> fields;
      for (const catalog::FieldSpec& field : action.fields) {
        EXPECT_TRUE(fields.insert(field.name).second) << connector.name << "." << action.name << " " << field.name;
        EXPECT_EQ(field.type == FieldType::Enum, !field.choices.empty()) << field.name;
        EXPECT_FALSE(field.description.empty()) << field.name;
      }
    }
  }
  EXPECT_EQ(connectors.size(), catalog::installed().connectors().size());
}

TEST(DiagnosticCodes, UniqueAndInTheCheckerRanges) {
  std::set<std::string_view> seen;
  for (const DiagnosticCode& code : diagnostic_codes()) {
    EXPECT_TRUE(seen.insert(code.code).second) << code.code;
    ASSERT_EQ(code.code.size(), 4u);
    const int number = std::stoi(std::string(code.code.substr(1)));
    if (code.code[0] == 'E') {
      EXPECT_GE(number, 20) << code.code;  // E001..E019 are the parser's
    } else {
      EXPECT_EQ(code.code[0], 'W');
    }
    EXPECT_FALSE(code.title.empty());
  }
  EXPECT_EQ(find_diagnostic_code("E030")->title, "unknown field");
  EXPECT_EQ(find_diagnostic_code("E001"), nullptr);
}

struct SuggestCase {
  std::string typo;
  std::string expected;  // empty: no suggestion
};

class Suggest : public testing::TestWithParam<SuggestCase> {};

TEST_P(Suggest, ClosestPlausibleName) {
  const std::vector<std::string> names{"title", "total", "comment", "client.person", "find_by", "id"};
  EXPECT_EQ(closest_name(GetParam().typo, names), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Names, Suggest,
                         testing::Values(SuggestCase{"titel", "title"}, SuggestCase{"totl", "total"},
                                         SuggestCase{"coment", "comment"}, SuggestCase{"client.persn", "client.person"},
                                         SuggestCase{"findby", "find_by"}, SuggestCase{"x", ""},
                                         SuggestCase{"description", ""}));

TEST(Suggest, EditDistanceCountsSwapsAsOneEdit) {
  EXPECT_EQ(edit_distance("title", "titel"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

}  // namespace
}  // namespace flowc
