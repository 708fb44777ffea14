// The Telegram Bot API stand-in over HTTP: sendMessage success and Telegram-shaped errors.
#include <gtest/gtest.h>

#include "tests/sandbox/sandbox_test_support.hpp"

namespace flowc::sandbox::testing {
namespace {

class TelegramTest : public SandboxTest {
 protected:
  void SetUp() override { start(); }

  httplib::Result send(const std::string& body, const std::string& path = kBotPath) {
    return client().Post(path, body, kJsonType);
  }

  static void expect_error(const httplib::Result& res, int code, const char* description) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, code);
    auto body = parse_json(res->body);
    EXPECT_FALSE(body["ok"].GetBool());
    EXPECT_EQ(body["error_code"].GetInt(), code);
    EXPECT_STREQ(body["description"].GetString(), description);
  }
};

TEST_F(TelegramTest, SendMessageAnswersWithTheMessageAndKeepsIt) {
  auto res =
      send(R"({"chat_id": 42, "text": "Order 5 failed", "parse_mode": "HTML", "disable_web_page_preview": true})");
  ASSERT_EQ(res->status, 200);
  auto body = parse_json(res->body);
  ASSERT_TRUE(body["ok"].GetBool());
  const auto& result = body["result"];
  EXPECT_EQ(result["message_id"].GetInt(), 1);
  EXPECT_EQ(result["chat"]["id"].GetInt64(), 42);
  EXPECT_STREQ(result["chat"]["type"].GetString(), "private");
  EXPECT_STREQ(result["text"].GetString(), "Order 5 failed");
  EXPECT_GT(result["date"].GetInt64(), 1'600'000'000);
  EXPECT_EQ(result["from"]["id"].GetInt64(), 123456);

  auto second = parse_json(send(R"({"chat_id": "-1001234567890", "text": "again"})")->body);
  EXPECT_EQ(second["result"]["message_id"].GetInt(), 2);
  EXPECT_STREQ(second["result"]["chat"]["type"].GetString(), "supergroup");

  auto messages = sandbox_->telegram_messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].chat_id, "42");
  EXPECT_EQ(messages[0].parse_mode, "HTML");
  EXPECT_TRUE(messages[0].disable_web_page_preview);
  EXPECT_EQ(messages[1].text, "again");
}

TEST_F(TelegramTest, FormEncodedArgumentsWorkToo) {
  httplib::Params form{{"chat_id", "@orders_channel"}, {"text", "hello"}};
  auto res = client().Post(kBotPath, form);
  ASSERT_EQ(res->status, 200);
  auto chat = parse_json(res->body);
  EXPECT_STREQ(chat["result"]["chat"]["type"].GetString(), "channel");
  EXPECT_STREQ(chat["result"]["chat"]["username"].GetString(), "orders_channel");
}

TEST_F(TelegramTest, BadRequests) {
  expect_error(send(R"({"chat_id": 42, "text": ""})"), 400, "Bad Request: message text is empty");
  expect_error(send(R"({"chat_id": 42})"), 400, "Bad Request: message text is empty");
  expect_error(send(R"({"text": "hi"})"), 400, "Bad Request: chat_id is empty");
  expect_error(send(R"({"chat_id": "nobody", "text": "hi"})"), 400, "Bad Request: chat not found");
  expect_error(send(R"({"chat_id": 42, "text": "hi", "parse_mode": "BBCode"})"), 400,
               "Bad Request: unsupported parse_mode");
  expect_error(send("{oops"), 400, "Bad Request: can't parse JSON object");
  EXPECT_TRUE(sandbox_->telegram_messages().empty());
}

TEST_F(TelegramTest, TextLimitIs4096Utf16Units) {
  std::string at_limit(4096, 'a');
  EXPECT_EQ(send(R"({"chat_id": 1, "text": ")" + at_limit + R"("})")->status, 200);
  expect_error(send(R"({"chat_id": 1, "text": ")" + at_limit + R"(b"})"), 400, "Bad Request: message is too long");
  // 2048 emoji are 4096 UTF-16 units; one more is too long.
  std::string emoji;
  for (int i = 0; i < 2048; ++i) emoji += "\xF0\x9F\x93\xA6";
  EXPECT_EQ(send(R"({"chat_id": 1, "text": ")" + emoji + R"("})")->status, 200);
  expect_error(send(R"({"chat_id": 1, "text": ")" + emoji + R"(x"})"), 400, "Bad Request: message is too long");
  EXPECT_EQ(utf16_length("\xD0\x9F\xD1\x80\xD0\xB8"), 3u);  // "При": 2-byte letters count once
}

TEST_F(TelegramTest, BadTokenIsUnauthorizedAndUnknownMethodNotFound) {
  expect_error(send(R"({"chat_id": 1, "text": "x"})", "/telegram/botnot-a-token/sendMessage"), 401, "Unauthorized");
  expect_error(send(R"({"chat_id": 1, "text": "x"})", "/telegram/bot/sendMessage"), 401, "Unauthorized");
  expect_error(send("{}", "/telegram/bot1:abc/sendSticker"), 404, "Not Found");
  auto me = client().Get("/telegram/bot77:xyz/getMe");
  ASSERT_EQ(me->status, 200);
  EXPECT_TRUE(parse_json(me->body)["result"]["is_bot"].GetBool());
}

TEST_F(TelegramTest, TokenIsRedactedInTheLog) {
  send(R"({"chat_id": 42, "text": "hi"})");
  auto requests = sandbox_->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].service, "telegram");
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/telegram/bot<redacted>/sendMessage");
  EXPECT_EQ(requests[0].status, 200);
  EXPECT_NE(requests[0].body.find("\"text\""), std::string::npos);
  EXPECT_EQ(sandbox_->requests_json().find("ABC-def_ghi"), std::string::npos);
  EXPECT_EQ(sandbox_->received_summary().find("ABC-def_ghi"), std::string::npos);
}

}  // namespace
}  // namespace flowc::sandbox::testing
