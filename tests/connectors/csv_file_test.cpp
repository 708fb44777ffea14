#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "connectors/list.hpp"
#include "runtime/connector.hpp"
#include "runtime/json_util.hpp"
#include "tests/connectors/test_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace flowc::runtime::testing {
namespace {

using runtime::connectors::installed_connectors;

class CsvConnectorTest : public ::testing::Test {
 protected:
  std::string read(const std::string& name) const { return temp_.read(name); }

  SendOutcome append(const std::string& fields_json) {
    TestAccount account(R"({"dir":")" + dir_.string() + R"("})", "csv");
    auto fields = json(fields_json);
    return run_exchange(*installed_connectors().find_send("csv", "append_row"), fields, account.config, http_).outcome;
  }

  ::flowc::testing::TempDir temp_;
  std::filesystem::path dir_ = temp_.path();
  HttpClient http_;
};

TEST_F(CsvConnectorTest, AppendsRowsUnderTheAccountDirWithoutAnyRequest) {
  auto first = append(R"({"path":"out.csv","columns":{"order":7,"note":"a, b","ok":true}})");
  ASSERT_TRUE(first.success) << first.errors;
  EXPECT_EQ(connectors::text_field(first.response, "path"), (dir_ / "out.csv").string());
  ASSERT_TRUE(append(R"({"path":"out.csv","columns":{"order":8,"note":"plain"}})").success);
  EXPECT_EQ(read("out.csv"), "order,note,ok\n7,\"a, b\",true\n8,plain,\n");
}

TEST_F(CsvConnectorTest, UnknownColumnOrBadDelimiterFailsWithAClearError) {
  ASSERT_TRUE(append(R"({"path":"out.csv","columns":{"a":1}})").success);
  auto unknown = append(R"({"path":"out.csv","columns":{"zzz":1}})");
  EXPECT_FALSE(unknown.success);
  EXPECT_NE(unknown.errors.find("zzz"), std::string::npos) << unknown.errors;
  auto delimiter = append(R"({"path":"out.csv","delimiter":";;","columns":{"a":1}})");
  EXPECT_FALSE(delimiter.success);
  EXPECT_NE(delimiter.errors.find("delimiter"), std::string::npos) << delimiter.errors;
  EXPECT_FALSE(append(R"({"path":"out.csv"})").success);
}

TEST_F(CsvConnectorTest, BeginningAnAppendWritesNothingUntilStart) {
  TestAccount account(R"({"dir":")" + dir_.string() + R"("})", "csv");
  auto fields = json(R"({"path":"later.csv","columns":{"a":1}})");
  auto exchange = installed_connectors().find_send("csv", "append_row")->begin(fields, account.config);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "later.csv"));
  ASSERT_TRUE(exchange->start().outcome->success);
  EXPECT_EQ(read("later.csv"), "a\n1\n");
}

TEST_F(CsvConnectorTest, NewRowsStreamsTheFileWithItsDelimiter) {
  std::ofstream(dir_ / "in.csv") << "id;name\n1;Lamp\n2;Desk\n";
  TestAccount account(R"({"dir":")" + dir_.string() + R"("})", "csv");
  auto fields = json(R"({"path":"in.csv","delimiter":";"})");
  auto source = installed_connectors().find_source("csv", "new_rows")->open(fields, account.config, http_);
  auto row = source->next();
  ASSERT_TRUE(row);
  EXPECT_EQ(row->number, 2u);
  EXPECT_EQ(*row->find("name"), "Lamp");
  ASSERT_TRUE(source->next());
  EXPECT_FALSE(source->next());
}

TEST_F(CsvConnectorTest, MissingFileIsAnError) {
  TestAccount account(R"({"dir":")" + dir_.string() + R"("})", "csv");
  auto fields = json(R"({"path":"absent.csv"})");
  EXPECT_THROW(installed_connectors().find_source("csv", "new_rows")->open(fields, account.config, http_), std::runtime_error);
}

TEST(ConnectorRegistry, FindsEveryImplementedActionAndNothingElse) {
  for (auto [connector, action] : {std::pair{"http", "request"},
                                   {"keepincrm", "update_order"},
                                   {"keepincrm", "create_order"},
                                   {"telegram", "send_message"},
                                   {"email", "send"},
                                   {"csv", "append_row"}}) {
    EXPECT_NE(installed_connectors().find_send(connector, action), nullptr) << connector << "." << action;
  }
  EXPECT_NE(installed_connectors().find_source("google_sheets", "new_rows"), nullptr);
  EXPECT_NE(installed_connectors().find_source("csv", "new_rows"), nullptr);
  EXPECT_EQ(installed_connectors().find_send("keepincrm", "delete_order"), nullptr);
  EXPECT_EQ(installed_connectors().find_source("keepincrm", "update_order"), nullptr);
}

TEST(AccountConfig, ReadsTextAndNumbersWithFallback) {
  TestAccount account(R"({"api_key":"k","port":25,"empty":""})");
  EXPECT_EQ(account.config.get("api_key"), "k");
  EXPECT_EQ(account.config.get("port"), "25");
  EXPECT_EQ(account.config.get("empty", "dflt"), "dflt");
  EXPECT_EQ(account.config.get("absent", "dflt"), "dflt");
  AccountConfig without_settings;
  EXPECT_EQ(without_settings.get("x", "y"), "y");
}

}  // namespace
}  // namespace flowc::runtime::testing
