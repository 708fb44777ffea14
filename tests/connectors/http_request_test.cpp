#include <gtest/gtest.h>

#include "runtime/json_util.hpp"
#include "tests/connectors/test_support.hpp"

namespace flowc::runtime::testing {
namespace {

using connectors::text_field;

class HttpRequestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.handle("GET", "/things/7", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(R"({"id":7,"name":"seven"})", "application/json");
    });
    server_.handle("POST", "/things", [](const httplib::Request&, httplib::Response& response) {
      response.status = 201;
      response.set_content(R"({"id":8})", "application/json");
    });
    server_.handle("PUT", "/raw", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("stored", "text/plain");
    });
    server_.handle("GET", "/denied", [](const httplib::Request&, httplib::Response& response) {
      response.status = 403;
      response.set_content(R"({"error":{"code":403,"message":"Token lacks scope orders:read"}})", "application/json");
    });
    server_.handle("GET", "/broken", [](const httplib::Request&, httplib::Response& response) {
      response.status = 500;
      response.set_content("<html>" + std::string(1000, 'x') + "</html>", "text/html");
    });
    server_.handle("GET", "/proxy", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("<html>\n\t<b>Proxy</b>\x01 login</html>", "text/html");
    });
    server_.start();
  }

  ExchangeRun run(const std::string& fields_json, const std::string& account_json = "{}") {
    TestAccount account(account_json, "http");
    auto fields = json(fields_json);
    return run_exchange(builtin_send("http", "request"), fields, account.config, http_);
  }

  LoopbackServer server_;
  HttpClient http_;
};

TEST_F(HttpRequestTest, GetsAnAbsoluteUrlAndExposesTheJsonResponse) {
  auto result = run(R"({"url":")" + server_.url() + R"(/things/7"})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  EXPECT_EQ(result.outcome.status, 200);
  EXPECT_EQ(result.outcome.response["name"].GetString(), std::string("seven"));
  ASSERT_EQ(server_.received().size(), 1u);
  EXPECT_EQ(server_.received()[0].method, "GET");
}

TEST_F(HttpRequestTest, PostsAJsonBodyToAUrlRelativeToTheAccountBaseUrl) {
  auto result = run(R"({"url":"/things","body":{"name":"new","tags":["a","b"],"qty":3},
                        "headers":{"X-Request-Id":"r-1"}})",
                    R"({"base_url":")" + server_.url() + R"(/","bearer_token":"sekret",
                        "headers":{"X-Team":"ops","X-Request-Id":"account"}})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  EXPECT_EQ(result.outcome.status, 201);
  EXPECT_EQ(result.outcome.response["id"].GetInt(), 8);
  auto received = server_.received().at(0);
  EXPECT_EQ(received.method, "POST");
  EXPECT_EQ(received.path, "/things");
  EXPECT_EQ(received.header("Content-Type"), "application/json");
  EXPECT_EQ(received.header("Authorization"), "Bearer sekret");
  EXPECT_EQ(received.header("X-Team"), "ops");
  EXPECT_EQ(received.header("X-Request-Id"), "r-1");  // the send's header wins over the account's
  EXPECT_EQ(received.headers.count("X-Request-Id"), 1u);
  auto body = received.json();
  EXPECT_EQ(body["qty"].GetInt(), 3);
  EXPECT_EQ(body["tags"].Size(), 2u);
}

TEST_F(HttpRequestTest, SendsARawBodyWithItsContentTypeAndWrapsATextAnswer) {
  auto result =
      run(R"({"method":"put","url":")" + server_.url() + R"(/raw","raw_body":"a,b\n1,2\n","content_type":"text/csv"})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  EXPECT_EQ(text_field(result.outcome.response, "body"), "stored");
  auto received = server_.received().at(0);
  EXPECT_EQ(received.method, "PUT");
  EXPECT_EQ(received.header("Content-Type"), "text/csv");
  EXPECT_EQ(received.body, "a,b\n1,2\n");
}

TEST_F(HttpRequestTest, FailureCarriesTheServiceMessageAndStatus) {
  auto result = run(R"({"url":")" + server_.url() + R"(/denied"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 403);
  EXPECT_EQ(result.outcome.errors, "Token lacks scope orders:read");
}

TEST_F(HttpRequestTest, FailureWithoutAJsonMessageQuotesTheStartOfTheBody) {
  auto result = run(R"({"url":")" + server_.url() + R"(/broken"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 500);
  EXPECT_TRUE(result.outcome.errors.starts_with("<html>xxx")) << result.outcome.errors;
  EXPECT_LE(result.outcome.errors.size(), 300u + std::string("…").size());
  EXPECT_EQ(server_.received().size(), 3u);  // the first attempt and two retries
}

TEST_F(HttpRequestTest, ExpectJsonMakesATextAnswerAFailureQuotingItsStartOnOneLine) {
  auto result = run(R"({"url":")" + server_.url() + R"(/proxy","expect":"json"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 200);
  EXPECT_EQ(result.outcome.errors,
            "the response is not JSON (HTTP 200, Content-Type text/html): <html> <b>Proxy</b>\uFFFD login</html>");
}

TEST_F(HttpRequestTest, ATextAnswerIsASuccessThatSaysItIsNotJson) {
  auto result = run(R"({"url":")" + server_.url() + R"(/proxy"})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  EXPECT_TRUE(result.outcome.not_json.starts_with("not JSON (HTTP 200, Content-Type text/html): <html>"))
      << result.outcome.not_json;
  auto json_answer = run(R"({"url":")" + server_.url() + R"(/things/7","expect":"json"})");
  ASSERT_TRUE(json_answer.outcome.success) << json_answer.outcome.errors;
  EXPECT_TRUE(json_answer.outcome.not_json.empty());
}

TEST_F(HttpRequestTest, UnreachableServerFailsWithTheTransportError) {
  auto result = run(R"({"url":")" + closed_port_url() + R"(/x"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 0);
  EXPECT_FALSE(result.outcome.errors.empty());
}

TEST_F(HttpRequestTest, RelativeUrlWithoutBaseUrlFailsBeforeSending) {
  auto result = run(R"({"url":"/things"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_TRUE(result.requests.empty());
  EXPECT_NE(result.outcome.errors.find("base_url"), std::string::npos) << result.outcome.errors;
}

TEST_F(HttpRequestTest, HeaderValueWithALineBreakIsRefused) {
  auto result = run(R"({"url":")" + server_.url() + R"(/things/7","headers":{"X-Note":"a\r\nX-Evil: 1"}})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_TRUE(result.requests.empty());
  EXPECT_TRUE(server_.received().empty());
}

}  // namespace
}  // namespace flowc::runtime::testing
