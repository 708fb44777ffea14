// Redaction and formatting of the request log, and the /_sandbox endpoints that expose it.
#include "tools/sandbox/request_log.hpp"

#include <gtest/gtest.h>

#include "tests/sandbox/sandbox_test_support.hpp"

namespace flowc::sandbox::testing {
namespace {

TEST(RequestLog, ServiceOfPath) {
  EXPECT_EQ(service_of_path("/keepincrm/v1/agreements"), "keepincrm");
  EXPECT_EQ(service_of_path("/telegram/bot1:a/sendMessage"), "telegram");
  EXPECT_EQ(service_of_path("/sheets/token"), "sheets");
  EXPECT_EQ(service_of_path("/sheetsfoo"), "unknown");
  EXPECT_EQ(service_of_path("/_sandbox/state"), "");
}

TEST(RequestLog, RedactsTelegramTokenInPath) {
  EXPECT_EQ(redact_path("/telegram/bot123:SECRET/sendMessage"), "/telegram/bot<redacted>/sendMessage");
  EXPECT_EQ(redact_path("/telegram/bot123:SECRET"), "/telegram/bot<redacted>");
  EXPECT_EQ(redact_path("/keepincrm/v1/agreements/5"), "/keepincrm/v1/agreements/5");
}

TEST(RequestLog, RedactsCredentialParameters) {
  EXPECT_EQ(redact_query("key=AIzaSECRET&majorDimension=ROWS"), "key=<redacted>&majorDimension=ROWS");
  EXPECT_EQ(redact_query("grant_type=x&assertion=eyJ.eyJ.sig"), "grant_type=x&assertion=<redacted>");
  EXPECT_EQ(redact_query("monkey=1&q%5Btitle_eq%5D=a"), "monkey=1&q%5Btitle_eq%5D=a");
  EXPECT_EQ(redact_query(""), "");
}

TEST(RequestLog, FormatsOneLinePerRequest) {
  LoggedRequest request{"keepincrm", "PATCH", "/keepincrm/v1/agreements/5", "", "{\"total\":\n1}", 200};
  EXPECT_EQ(format_log_line(request), "keepincrm PATCH /keepincrm/v1/agreements/5 -> 200 {\"total\": 1}");
  request.query = "a=b";
  request.body = std::string(500, 'x');
  auto line = format_log_line(request);
  EXPECT_NE(line.find("?a=b -> 200"), std::string::npos);
  EXPECT_TRUE(line.ends_with("..."));
}

TEST(RequestLog, ListenerSeesEveryRequestInOrder) {
  std::vector<std::string> seen;
  RequestLog log([&](const LoggedRequest& r) { seen.push_back(r.path); });
  log.add({"sheets", "GET", "/a", "", "", 200});
  log.add({"sheets", "GET", "/b", "", "", 200});
  EXPECT_EQ(seen, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(log.snapshot().size(), 2u);
}

class IntrospectionTest : public SandboxTest {};

TEST_F(IntrospectionTest, RequestsAndStateEndpoints) {
  std::vector<LoggedRequest> live;
  SandboxOptions options;
  options.on_request = [&live](const LoggedRequest& r) { live.push_back(r); };
  start(options);
  client().Post("/keepincrm/v1/agreements", kCrmAuth, R"({"title":"Chair"})", kJsonType);
  client().Post(kBotPath, R"({"chat_id":1,"text":"hi"})", kJsonType);
  client().Get("/nowhere");

  auto requests = parse_json(client().Get("/_sandbox/requests")->body);
  ASSERT_EQ(requests.Size(), 3u);  // the /_sandbox call itself is not logged
  EXPECT_STREQ(requests[0]["service"].GetString(), "keepincrm");
  EXPECT_EQ(requests[0]["status"].GetInt(), 201);
  EXPECT_STREQ(requests[2]["service"].GetString(), "unknown");
  EXPECT_EQ(requests[2]["status"].GetInt(), 404);
  EXPECT_EQ(live.size(), 3u);

  auto state = parse_json(client().Get("/_sandbox/state")->body);
  EXPECT_STREQ(state["orders"][0]["title"].GetString(), "Chair");
  EXPECT_STREQ(state["telegram_messages"][0]["text"].GetString(), "hi");
  EXPECT_TRUE(state["mails"].IsArray());

  auto summary = sandbox_->received_summary();
  EXPECT_NE(summary.find("keepincrm: 1 request\n"), std::string::npos);
  EXPECT_NE(summary.find("telegram: 1 request\n"), std::string::npos);
  EXPECT_NE(summary.find("  keepincrm POST /keepincrm/v1/agreements -> 201"), std::string::npos);
}

TEST_F(IntrospectionTest, BaseUrls) {
  start();
  auto root = "http://127.0.0.1:" + std::to_string(sandbox_->port());
  EXPECT_EQ(sandbox_->base_url("keepincrm"), root + "/keepincrm/v1");
  EXPECT_EQ(sandbox_->base_url("telegram"), root + "/telegram");
  EXPECT_EQ(sandbox_->base_url("google_sheets"), root + "/sheets");
  EXPECT_EQ(sandbox_->base_url("email"), "smtp://127.0.0.1:" + std::to_string(sandbox_->smtp_port()));
  EXPECT_THROW(sandbox_->base_url("slack"), std::invalid_argument);
}

TEST_F(IntrospectionTest, TakenPortIsAClearError) {
  start();
  SandboxOptions options;
  options.port = sandbox_->port();
  Sandbox second(options);
  EXPECT_THROW(second.start(), std::runtime_error);
}

}  // namespace
}  // namespace flowc::sandbox::testing
