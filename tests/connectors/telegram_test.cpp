#include <gtest/gtest.h>

#include <atomic>

#include "runtime/json_util.hpp"
#include "runtime/connector_kit/message_split.hpp"
#include "tests/connectors/test_support.hpp"

namespace flowc::runtime::testing {
namespace {

using connectors::split_message;
using connectors::truncate_message;
using connectors::utf16_length;

constexpr const char* kToken = "123456:SECRET-token_abc";

class TelegramTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.handle(
        "POST", R"(/telegram/bot([^/]+)/sendMessage)",
        [this](const httplib::Request& request, httplib::Response& response) {
          auto body = json(request.body);
          std::string chat = connectors::text_field(body, "chat_id");
          if (request.matches[1] != kToken) {
            response.status = 401;
            response.set_content(R"({"ok":false,"error_code":401,"description":"Unauthorized"})", "application/json");
          } else if (chat == "missing") {
            response.status = 400;
            response.set_content(R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})",
                                 "application/json");
          } else if (chat == "proxied") {
            // A proxy's page that echoes the request line, token and all.
            response.set_content("<html>POST " + request.path + " needs a proxy login</html>", "text/html");
          } else if (flood_once_.exchange(false)) {
            response.status = 429;
            response.set_content(
                R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}})",
                "application/json");
          } else {
            int id = ++next_id_;
            response.set_content(R"({"ok":true,"result":{"message_id":)" + std::to_string(id) + R"(,"chat":{"id":1}}})",
                                 "application/json");
          }
        });
    server_.start();
  }

  ExchangeRun run(const std::string& fields_json, const std::string& token = kToken) {
    TestAccount account(R"({"bot_token":")" + token + R"(","base_url":")" + server_.url() + R"(/telegram"})",
                        "telegram");
    auto fields = json(fields_json);
    return run_exchange(builtin_send("telegram", "send_message"), fields, account.config, http_);
  }

  LoopbackServer server_;
  HttpClient http_;
  std::atomic<int> next_id_{100};
  std::atomic<bool> flood_once_{false};
};

TEST_F(TelegramTest, SendsTheDocumentedRequest) {
  auto result = run(R"({"chat_id":-100123,"text":"Order 7 failed","parse_mode":"HTML","disable_preview":true})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  EXPECT_EQ(result.outcome.response["message_id"].GetInt(), 101);
  auto received = server_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "POST");
  EXPECT_EQ(received[0].path, std::string("/telegram/bot") + kToken + "/sendMessage");
  EXPECT_EQ(received[0].header("Content-Type"), "application/json");
  auto body = received[0].json();
  EXPECT_EQ(body["chat_id"].GetInt64(), -100123);
  EXPECT_EQ(std::string(body["text"].GetString()), "Order 7 failed");
  EXPECT_EQ(std::string(body["parse_mode"].GetString()), "HTML");
  EXPECT_TRUE(body["disable_web_page_preview"].GetBool());
}

TEST_F(TelegramTest, LongTextIsSentAsSeveralMessagesInOrder) {
  std::string line(1000, 'a');
  std::string text;
  for (int i = 0; i < 9; ++i) text += (i > 0 ? "\n" : "") + line + std::to_string(i);
  auto result = run(R"({"chat_id":"42","text":")" + [&] {
    std::string escaped;
    for (char c : text) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    return escaped;
  }() + R"("})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  auto received = server_.received();
  ASSERT_EQ(received.size(), 3u);
  std::string rejoined;
  for (const auto& request : received) {
    std::string part = request.json()["text"].GetString();
    EXPECT_LE(utf16_length(part), 4096u);
    EXPECT_TRUE(part.ends_with(std::to_string(rejoined.empty() ? 3 : rejoined.size() < 5000 ? 7 : 8)));
    rejoined += (rejoined.empty() ? "" : "\n") + part;
  }
  EXPECT_TRUE(rejoined == text) << "the parts, joined at the line breaks where they were cut, differ from the text";
  ASSERT_EQ(result.outcome.response["message_ids"].Size(), 3u);
  EXPECT_EQ(result.outcome.response["message_ids"][2].GetInt(), 103);
  EXPECT_EQ(result.outcome.response["message_id"].GetInt(), 103);
  EXPECT_EQ(result.notes[0], "then 2 more message(s) with the rest of the text");
}

TEST_F(TelegramTest, LongTextIsTruncatedWhenAsked) {
  auto result = run(R"({"chat_id":"42","long_text":"truncate","text":")" + std::string(5000, 'b') + R"("})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  auto received = server_.received();
  ASSERT_EQ(received.size(), 1u);
  std::string sent = received[0].json()["text"].GetString();
  EXPECT_EQ(utf16_length(sent), 4096u);
  EXPECT_TRUE(sent.ends_with("b…"));
}

TEST_F(TelegramTest, ApiErrorCarriesTheDescriptionAndNeverTheToken) {
  auto result = run(R"({"chat_id":"missing","text":"hi"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 400);
  EXPECT_EQ(result.outcome.errors, "Bad Request: chat not found");
}

TEST_F(TelegramTest, AnHtmlPageInsteadOfTheApiAnswerFailsQuotingItWithoutTheToken) {
  auto result = run(R"({"chat_id":"proxied","text":"hi"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 200);
  EXPECT_EQ(result.outcome.errors,
            "Telegram did not confirm the message: the response is not JSON (HTTP 200, Content-Type text/html): "
            "<html>POST /telegram/bot***/sendMessage needs a proxy login</html>");
}

TEST_F(TelegramTest, WrongTokenFailsWithoutShowingIt) {
  auto result = run(R"({"chat_id":"1","text":"hi"})", "999:WRONG-secret");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_EQ(result.outcome.status, 401);
  EXPECT_EQ(result.outcome.errors.find("WRONG-secret"), std::string::npos) << result.outcome.errors;
}

TEST_F(TelegramTest, TransportErrorNeverShowsTheToken) {
  TestAccount account(R"({"bot_token":")" + std::string(kToken) + R"(","base_url":")" + closed_port_url() + R"("})");
  auto fields = json(R"({"chat_id":"1","text":"hi"})");
  auto result = run_exchange(builtin_send("telegram", "send_message"), fields, account.config, http_);
  EXPECT_FALSE(result.outcome.success);
  EXPECT_FALSE(result.outcome.errors.empty());
  EXPECT_EQ(result.outcome.errors.find("SECRET"), std::string::npos) << result.outcome.errors;
  EXPECT_EQ(result.outcome.errors.find("/bot"), std::string::npos) << result.outcome.errors;
}

TEST_F(TelegramTest, FloodControlWaitsRetryAfterSecondsThenSucceeds) {
  flood_once_ = true;
  auto started = std::chrono::steady_clock::now();
  auto result = run(R"({"chat_id":"1","text":"hi"})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(950));
  EXPECT_EQ(server_.received().size(), 2u);
}

TEST_F(TelegramTest, MissingTokenOrTextFailsBeforeSending) {
  auto no_token = run(R"({"chat_id":"1","text":"hi"})", "");
  EXPECT_FALSE(no_token.outcome.success);
  EXPECT_TRUE(no_token.requests.empty());
  EXPECT_EQ(no_token.outcome.errors, "telegram account \"acct\" has no bot_token");
  auto no_text = run(R"({"chat_id":"1","text":""})");
  EXPECT_FALSE(no_text.outcome.success);
  EXPECT_TRUE(no_text.requests.empty());
}

TEST(TelegramText, CountsUtf16CodeUnits) {
  EXPECT_EQ(utf16_length("abc"), 3u);
  EXPECT_EQ(utf16_length("Привіт"), 6u);
  EXPECT_EQ(utf16_length("😀"), 2u);  // outside the BMP: a surrogate pair
}

TEST(TelegramText, SplitsAtLineThenWordThenCharacter) {
  EXPECT_EQ(split_message("one two\nthree four", 12), (std::vector<std::string_view>{"one two", "three four"}));
  EXPECT_EQ(split_message("one two three", 9), (std::vector<std::string_view>{"one two", "three"}));
  EXPECT_EQ(split_message("abcdefghij", 4), (std::vector<std::string_view>{"abcd", "efgh", "ij"}));
  EXPECT_EQ(split_message("short", 4096), (std::vector<std::string_view>{"short"}));
}

TEST(TelegramText, NeverSplitsInsideACharacter) {
  auto parts = split_message("😀😀😀", 3);  // each emoji is two units
  EXPECT_EQ(parts, (std::vector<std::string_view>{"😀", "😀", "😀"}));
  auto cyrillic = split_message("ЖЖЖЖЖ", 2);
  EXPECT_EQ(cyrillic, (std::vector<std::string_view>{"ЖЖ", "ЖЖ", "Ж"}));
}

TEST(TelegramText, TruncatesWithAnEllipsis) {
  EXPECT_EQ(truncate_message("abcdef", 4), "abc…");
  EXPECT_EQ(truncate_message("abcd", 4), "abcd");
  EXPECT_EQ(truncate_message("😀😀😀", 4), "😀…");
}

}  // namespace
}  // namespace flowc::runtime::testing
