// What the engine performs beyond today's four connectors (docs/connector-format.md): basic and
// query auth, a header auth with a prefix, base_path, query templates, a failure inside HTTP 200
// with its own error paths, and the settings step 2 added to the format.
#include <gtest/gtest.h>

#include "compiler/manifest/manifest_reader.hpp"
#include "base/json/json_writer.hpp"
#include "runtime/manifest_engine/manifest_send.hpp"
#include "tests/connectors/test_support.hpp"
#include "tests/manifest/manifest_support.hpp"
#include "tests/support/recording_server.hpp"

namespace flowc::runtime::testing {
namespace {

using flowc::testing::Reply;

using manifest_test::read_clean;

constexpr const char* kDeals = R"(
connector deals {
  title       = "Deals"
  description = "A CRM that answers 200 with {error, error_description}."
  base_url    = "https://deals.example/rest"
  base_path   = "/v2"
  account {
    field user     { type = string  description = "User." }
    field password { type = string  secret = true  description = "Password." }
    field key      { type = string  secret = true  description = "API key." }
    field token    { type = string  secret = true  description = "Token." }
    field region   { type = string  description = "Region."  }
  }
  auth basic  { username = user  password = password }
  auth header { name = "X-Token"  value = token  prefix = "Token " }
  auth query  { name = "key"  value = key }
  headers {
    Accept   = "application/json"
    X-Region = "{{account.region}}"
  }
  action add_deal {
    kind        = send
    description = "Adds a deal."
    field title { type = string  required = true  description = "Deal title."  to = "fields.TITLE" }
    field stage { type = string  description = "Stage."  in = query  }
    field owner { type = string  description = "Owner."  in = none }
    request {
      method = POST
      path   = "crm/{{owner | lower}}/deal.add"
      query { mode = "{{owner}} & co" }
      body   = json
    }
    response {
      success { absent = "error" }
      error   = ["error_description", "error"]
      fields { id = "result" }
    }
  }
}
)";

class EngineShapes : public ::testing::Test {
 protected:
  ExchangeRun send(const std::string& fields, const std::string& account_json) {
    auto action = manifest_engine::make_send_action(deals, "add_deal");
    EXPECT_NE(action, nullptr);
    TestAccount account(account_json, "deals");
    auto parsed = json(fields);
    return run_exchange(*action, parsed, account.config, http);
  }
  std::string account(const std::string& credentials) const {
    return R"({"base_url":")" + server.url() + R"(/rest/","region":"eu")" + credentials + "}";
  }

  manifest::ConnectorManifest deals = read_clean(kDeals);
  flowc::testing::RecordingServer server{[](const flowc::testing::ReceivedRequest& request, std::size_t) {
    if (request.body.find("Dup") != std::string::npos)
      return Reply(200, R"({"error":"ERROR_CORE","error_description":"Duplicate deal"})");
    return Reply(200, R"({"result":17,"time":{"start":1}})");
  }};
  HttpClient http;
};

TEST_F(EngineShapes, BasicAuthBasePathQueryTemplatesAndMappedFields) {
  ExchangeRun run = send(R"({"title":"Big","owner":"Ann","stage":"new"})", account(R"(,"user":"u","password":"p:w")"));
  ASSERT_TRUE(run.outcome.success) << run.outcome.errors;
  EXPECT_EQ(flowc::to_json(run.outcome.response), R"({"id":17})");
  ASSERT_EQ(run.requests.size(), 1u);
  const HttpRequest& request = run.requests[0];
  EXPECT_EQ(request.url, server.url() + "/rest/v2/crm/ann/deal.add?mode=Ann%20%26%20co&stage=new");
  Headers headers;
  request.for_each_header([&](const std::string& name, const std::string& value) { headers.emplace_back(name, value); });
  EXPECT_EQ(headers, (Headers{{"Authorization", "Basic dTpwOnc="}, {"Accept", "application/json"},
                              {"X-Region", "eu"}, {"Content-Type", "application/json"}}));
  EXPECT_EQ(request.body, R"({"fields":{"TITLE":"Big"}})");
  EXPECT_EQ(server.requests().at(0).target, "/rest/v2/crm/ann/deal.add?mode=Ann%20%26%20co&stage=new");
}

TEST_F(EngineShapes, TheFirstAuthWhoseFieldIsSetIsUsed) {
  ExchangeRun header = send(R"({"title":"x","owner":"o"})", account(R"(,"token":"t-1","key":"k 2")"));
  EXPECT_EQ(server.requests().at(0).header("X-Token"), "Token t-1");
  EXPECT_EQ(server.requests().at(0).header("Authorization"), "");
  ExchangeRun query = send(R"({"title":"x","owner":"o"})", account(R"(,"key":"k 2")"));
  EXPECT_EQ(query.requests.at(0).url, server.url() + "/rest/v2/crm/o/deal.add?mode=o%20%26%20co&key=k%202");
}

TEST_F(EngineShapes, FailureInsideHttp200ReadsTheErrorPaths) {
  ExchangeRun run = send(R"({"title":"Dup","owner":"o"})", account(""));
  EXPECT_FALSE(run.outcome.success);
  EXPECT_EQ(run.outcome.status, 200);
  EXPECT_EQ(run.outcome.errors, "Duplicate deal");
}

TEST_F(EngineShapes, AMissingRequiredFieldFailsBeforeSending) {
  ExchangeRun run = send(R"({"owner":"o"})", account(""));
  EXPECT_EQ(run.outcome.errors, "deals add_deal needs a `title`");
  EXPECT_TRUE(run.requests.empty());
}

// `body = form` and `body = multipart`: the body the plan writes, flattened with brackets.
TEST(EngineBodies, FormAndMultipartCarryTheFieldsFlattened) {
  constexpr const char* kSms = R"(
connector sms {
  description = "Form bodies."
  base_url    = "https://sms.example"
  action send_form {
    kind        = send
    description = "As a form."
    field to     { type = string  required = true  description = "Number." }
    field body   { type = string  description = "Text."  to = "message.text" }
    field tags   { type = list    description = "Tags." }
    request { method = POST  path = "send"  body = form }
  }
  action send_parts {
    kind        = send
    description = "As multipart."
    field to     { type = string  required = true  description = "Number." }
    field body   { type = string  description = "Text." }
    request { method = POST  path = "send"  body = multipart }
  }
}
)";
  const auto sms = manifest_test::read_clean(kSms);
  flowc::testing::RecordingServer server{[](const flowc::testing::ReceivedRequest&, std::size_t) { return Reply(200, "{}"); }};
  HttpClient http;
  TestAccount account(R"({"base_url":")" + server.url() + R"("})", "sms");

  auto form_fields = json(R"({"to":"+380 67","body":"a&b=c","tags":["x","y"]})");
  ExchangeRun form = run_exchange(*manifest_engine::make_send_action(sms, "send_form"), form_fields, account.config, http);
  ASSERT_TRUE(form.outcome.success) << form.outcome.errors;
  EXPECT_EQ(server.requests().at(0).header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(server.requests().at(0).body, "to=%2B380%2067&message%5Btext%5D=a%26b%3Dc&tags%5B%5D=x&tags%5B%5D=y");

  auto part_fields = json(R"({"to":"+380","body":"line one\r\nline two"})");
  ExchangeRun parts = run_exchange(*manifest_engine::make_send_action(sms, "send_parts"), part_fields, account.config, http);
  ASSERT_TRUE(parts.outcome.success) << parts.outcome.errors;
  // As built: the loopback server takes a multipart body apart into its parts.
  EXPECT_EQ(server.requests().at(1).header("Content-Type"), "multipart/form-data; boundary=flowc-form-boundary-0");
  EXPECT_EQ(parts.requests.at(0).body,
            "--flowc-form-boundary-0\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n+380\r\n"
            "--flowc-form-boundary-0\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nline one\r\nline two\r\n"
            "--flowc-form-boundary-0--\r\n");
}

// Defaults of fields the flow leaves out are sent, and account fields placed in the body or the
// query go with every request (Nova Poshta's apiKey in the body, Trello's token in the query).
TEST(EngineBodies, DefaultsAndAccountFieldsJoinTheRequest) {
  const auto api = manifest_test::read_clean(R"(
connector post {
  description = "Every call is POST / with the key in the body."
  base_url    = "https://post.example"
  account {
    field api_key { type = string  required = true  secret = true  description = "Key."  in = body  to = "apiKey" }
    field token   { type = string  secret = true  description = "Token."  in = query }
  }
  action track {
    kind        = send
    description = "Tracks."
    field number        { type = string  required = true  description = "Number."  to = "methodProperties.Number" }
    field model         { type = string  description = "Model."  to = "modelName"  default = "TrackingDocument" }
    field language      { type = string  description = "Language."  in = query  default = "ua" }
    request { method = POST  path = "/"  body = json }
  }
}
)");
  flowc::testing::RecordingServer server{[](const flowc::testing::ReceivedRequest&, std::size_t) { return Reply(200, "{}"); }};
  HttpClient http;
  TestAccount account(R"({"base_url":")" + server.url() + R"(","api_key":"k-1","token":"t-2"})", "post");
  auto fields = json(R"({"number":"2040"})");
  ExchangeRun run = run_exchange(*manifest_engine::make_send_action(api, "track"), fields, account.config, http);
  ASSERT_TRUE(run.outcome.success) << run.outcome.errors;
  EXPECT_EQ(server.requests().at(0).target, "/?language=ua&token=t-2");
  EXPECT_EQ(server.requests().at(0).body,
            R"({"methodProperties":{"Number":"2040"},"modelName":"TrackingDocument","apiKey":"k-1"})");
}

TEST(EngineSettings, StepTwoSettingsAreRead) {
  auto collect_alone = manifest::read_manifest("test.connector", R"(
connector chat {
  description = "Chat."
  base_url    = "https://example.test"
  action say {
    kind        = send
    description = "Says."
    field text { type = string  description = "Text." }
    request { method = POST  path = "say"  body = json }
    split { field = text  limit = 10  collect = "ids" }
  }
}
)");
  ASSERT_EQ(collect_alone.diagnostics.items().size(), 1u);
  EXPECT_EQ(collect_alone.diagnostics.items()[0].code, "M011");
}

}  // namespace
}  // namespace flowc::runtime::testing
