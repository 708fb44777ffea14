#include <gtest/gtest.h>

#include <atomic>

#include "runtime/json_util.hpp"
#include "tests/connectors/test_support.hpp"

namespace flowc::runtime::testing {
namespace {

using connectors::text_field;

void reply_json(httplib::Response& response, int status, const std::string& body) {
  response.status = status;
  response.set_content(body, "application/json");
}

class KeepinCrmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.handle(
        "PATCH", R"(/v1/agreements/(\d+))", [](const httplib::Request& request, httplib::Response& response) {
          if (request.matches[1] == "404") return reply_json(response, 404, R"({"message":"Not found"})");
          if (request.matches[1] == "200") return response.set_content("<html>Proxy login</html>", "text/html");
          reply_json(response, 200, R"({"id":)" + std::string(request.matches[1]) + R"(,"title":"updated"})");
        });
    server_.handle("GET", "/v1/agreements", [](const httplib::Request& request, httplib::Response& response) {
      std::string title = request.get_param_value("q[title_eq]");
      if (title == "Unique")
        return reply_json(response, 200, R"({"items":[{"id":31}],"pagination":{"total_count":1}})");
      if (title == "Proxied") return response.set_content("<html><body>Proxy login</body></html>", "text/html");
      if (title == "Twice")
        return reply_json(response, 200, R"({"items":[{"id":41},{"id":42}],"pagination":{"total_count":2}})");
      reply_json(response, 200, R"({"items":[],"pagination":{"total_count":0}})");
    });
    server_.handle("POST", "/v1/agreements", [this](const httplib::Request& request, httplib::Response& response) {
      if (request.get_header_value("X-Auth-Token") != "crm-key")
        return reply_json(response, 401, R"({"message":"Invalid API key"})");
      if (request.body.find("\"title\"") == std::string::npos)
        return reply_json(response, 422, R"({"message":"Validation failed","errors":{"title":["can't be blank"]}})");
      if (busy_first_.exchange(false)) return reply_json(response, 429, R"({"message":"Too many requests"})");
      reply_json(response, 201, R"({"id":555,"title":"created"})");
    });
    server_.start();
  }

  ExchangeRun run(const SendAction& action, const std::string& fields_json, const std::string& key = "crm-key") {
    TestAccount account(R"({"api_key":")" + key + R"(","base_url":")" + server_.url() + R"(/v1"})", "keepincrm");
    auto fields = json(fields_json);
    return run_exchange(action, fields, account.config, http_);
  }

  LoopbackServer server_;
  HttpClient http_;
  std::atomic<bool> busy_first_{false};
};

TEST_F(KeepinCrmTest, UpdateByIdPatchesTheOrderWithMappedFields) {
  auto result = run(builtin_send("keepincrm", "update_order"), R"({
      "find_by":"id", "id":"77", "title":"Lamp x 2", "total":199.5,
      "client":{"person":"Ivan","phones":"+380501112233"},
      "jobs":[{"title":"Lamp","amount":2,"price":99.75}],
      "custom_fields":{"Color":"red","Size":"L"}})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  EXPECT_EQ(result.outcome.status, 200);
  EXPECT_EQ(text_field(result.outcome.response, "id"), "77");

  auto received = server_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "PATCH");
  EXPECT_EQ(received[0].path, "/v1/agreements/77");
  EXPECT_EQ(received[0].header("X-Auth-Token"), "crm-key");
  EXPECT_EQ(received[0].header("Accept"), "application/json");
  EXPECT_EQ(received[0].header("Content-Type"), "application/json");
  auto body = received[0].json();
  EXPECT_FALSE(body.HasMember("find_by"));
  EXPECT_FALSE(body.HasMember("id"));
  EXPECT_FALSE(body.HasMember("client"));
  EXPECT_EQ(std::string(body["title"].GetString()), "Lamp x 2");
  EXPECT_DOUBLE_EQ(body["total"].GetDouble(), 199.5);
  EXPECT_EQ(std::string(body["client_attributes"]["person"].GetString()), "Ivan");
  ASSERT_TRUE(body["client_attributes"]["phones"].IsArray());
  EXPECT_EQ(std::string(body["client_attributes"]["phones"][0].GetString()), "+380501112233");
  ASSERT_TRUE(body["jobs_attributes"].IsArray());
  EXPECT_EQ(body["jobs_attributes"][0]["amount"].GetInt(), 2);
  ASSERT_TRUE(body["custom_fields"].IsArray());
  ASSERT_EQ(body["custom_fields"].Size(), 2u);
  EXPECT_EQ(std::string(body["custom_fields"][0]["name"].GetString()), "Color");
  EXPECT_EQ(std::string(body["custom_fields"][0]["value"].GetString()), "red");
}

TEST_F(KeepinCrmTest, UpdateOfAMissingIdSaysWhatWasSearched) {
  auto result = run(builtin_send("keepincrm", "update_order"), R"({"find_by":"id","id":404,"title":"x"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 404);
  EXPECT_EQ(result.outcome.errors, "no order with id = 404");
}

TEST_F(KeepinCrmTest, AnHtmlPageInsteadOfTheUpdateAnswerIsAFailureQuotingIt) {
  auto result = run(builtin_send("keepincrm", "update_order"), R"({"id":"200","title":"x"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 200);
  EXPECT_EQ(result.outcome.errors,
            "the response is not JSON (HTTP 200, Content-Type text/html): <html>Proxy login</html>");
}

TEST_F(KeepinCrmTest, AnHtmlPageInsteadOfTheSearchAnswerIsAFailureQuotingIt) {
  auto result = run(builtin_send("keepincrm", "update_order"), R"({"find_by":"title","title":"Proxied"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.errors,
            "KeepinCRM search: the response is not JSON (HTTP 200, Content-Type text/html): "
            "<html><body>Proxy login</body></html>");
  EXPECT_EQ(server_.received().size(), 1u);  // nothing was updated
}

TEST_F(KeepinCrmTest, UpdateByTitleSearchesThenPatchesTheMatch) {
  auto result = run(builtin_send("keepincrm", "update_order"), R"({"find_by":"title","title":"Unique","comment":"synced"})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  auto received = server_.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].method, "GET");
  EXPECT_EQ(received[0].param("q[title_eq]"), "Unique");
  EXPECT_NE(received[0].target.find("q%5Btitle_eq%5D=Unique"), std::string::npos) << received[0].target;
  EXPECT_EQ(received[0].header("X-Auth-Token"), "crm-key");
  EXPECT_EQ(received[1].method, "PATCH");
  EXPECT_EQ(received[1].path, "/v1/agreements/31");
  EXPECT_EQ(std::string(received[1].json()["comment"].GetString()), "synced");
  EXPECT_EQ(result.notes[0], "then PATCH /agreements/{id of the match}");
}

TEST_F(KeepinCrmTest, SearchValueIsUrlEncoded) {
  auto result = run(builtin_send("keepincrm", "update_order"), R"({"find_by":"title","title":"Лампа & co = 1?"})");
  EXPECT_FALSE(result.outcome.success);
  auto received = server_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].param("q[title_eq]"), "Лампа & co = 1?");
  EXPECT_EQ(result.outcome.errors, "no order with title = \"Лампа & co = 1?\"");
}

TEST_F(KeepinCrmTest, SeveralMatchesFailUnlessOnManyIsFirst) {
  auto refused = run(builtin_send("keepincrm", "update_order"), R"({"find_by":"title","title":"Twice"})");
  EXPECT_FALSE(refused.outcome.success);
  EXPECT_EQ(refused.outcome.errors, "2 orders with title = \"Twice\"; set on_many = first to update the first one");
  EXPECT_EQ(server_.received().size(), 1u);

  auto first = run(builtin_send("keepincrm", "update_order"), R"({"find_by":"title","title":"Twice","on_many":"first"})");
  ASSERT_TRUE(first.outcome.success) << first.outcome.errors;
  auto received = server_.received();
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[2].path, "/v1/agreements/41");
  EXPECT_FALSE(received[2].json().HasMember("on_many"));
}

TEST_F(KeepinCrmTest, UpdateWithoutTheLookupValueFailsBeforeSending) {
  auto result = run(builtin_send("keepincrm", "update_order"), R"({"find_by":"id","title":"x"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_TRUE(result.requests.empty());
  EXPECT_NE(result.outcome.errors.find("find_by = id"), std::string::npos) << result.outcome.errors;
}

TEST_F(KeepinCrmTest, CreatePostsTheOrderAndExposesItsId) {
  auto result = run(builtin_send("keepincrm", "create_order"), R"({"title":"Lamp","total":10,"currency":"UAH",
      "stage_id":3,"client":{"person":"Olha","email":"o@example.com","phones":["+380"]}})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  EXPECT_EQ(result.outcome.status, 201);
  EXPECT_EQ(text_field(result.outcome.response, "id"), "555");
  auto body = server_.received().at(0).json();
  EXPECT_EQ(server_.received().at(0).path, "/v1/agreements");
  EXPECT_EQ(body["stage_id"].GetInt(), 3);
  EXPECT_EQ(std::string(body["client_attributes"]["email"].GetString()), "o@example.com");
}

TEST_F(KeepinCrmTest, ValidationErrorCarriesTheApiMessageAndFieldErrors) {
  auto result = run(builtin_send("keepincrm", "create_order"), R"({"total":10})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 422);
  EXPECT_EQ(result.outcome.errors, "Validation failed: title can't be blank");
}

TEST_F(KeepinCrmTest, WrongApiKeyFailsWithTheApiMessage) {
  auto result = run(builtin_send("keepincrm", "create_order"), R"({"title":"x"})", "wrong");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 401);
  EXPECT_EQ(result.outcome.errors, "Invalid API key");
}

TEST_F(KeepinCrmTest, MissingApiKeyFailsBeforeSending) {
  auto result = run(builtin_send("keepincrm", "create_order"), R"({"title":"x"})", "");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_TRUE(result.requests.empty());
  EXPECT_EQ(result.outcome.errors, "keepincrm account \"acct\" has no api_key");
}

TEST_F(KeepinCrmTest, RateLimitedCreateIsRetriedByTheClient) {
  busy_first_ = true;
  auto result = run(builtin_send("keepincrm", "create_order"), R"({"title":"x"})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  EXPECT_EQ(server_.received().size(), 2u);
}

}  // namespace
}  // namespace flowc::runtime::testing
