// Telegram's send_message performed from its manifest: the bytes the hand-written connector sent
// (a long text split into the same parts), its outcomes and its retry advice.
#include <gtest/gtest.h>

#include "runtime/manifest_engine/engine_judge.hpp"
#include "tests/engine/recorded_sends.hpp"

namespace flowc::runtime::testing {
namespace {

using flowc::testing::ReceivedRequest;
using flowc::testing::Reply;

// Answers by chat: each chat id names how the service behaves.
Reply telegram_service(const ReceivedRequest& request, std::size_t count) {
  auto body = json(request.body);
  const std::string chat = connectors::text_field(body, "chat_id");
  if (chat == "missing") return Reply(400, R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})");
  if (chat == "refused") return Reply(200, R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked"})");
  if (chat == "unconfirmed") return Reply(200, R"({"ok":true})");
  if (chat == "proxy") {
    Reply reply(200, "<html>login</html>");
    reply.content_type = "text/html";
    return reply;
  }
  if (chat == "echo-token") return Reply(401, R"({"ok":false,"error_code":401,"description":"Unauthorized for /bot123:secret/"})");
  if (chat == "flood" && count == 0)
    return Reply(429, R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}})");
  if (chat == "second-fails" && count == 1)
    return Reply(400, R"({"ok":false,"error_code":400,"description":"Bad Request: message is too long"})");
  return Reply(200, R"({"ok":true,"result":{"message_id":)" + std::to_string(100 + count) +
                        R"(,"chat":{"id":-100123},"date":1765000000}})");
}

constexpr const char* kAccount = R"({"bot_token":"123:secret","base_url":"{URL}"})";

// Lines of 100 characters, `count` of them: a text of about 101 * count characters.
std::string long_text(int count, std::string_view line = "") {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += std::string(line.empty() ? "line " + std::to_string(i) : std::string(line));
    text.resize(text.size() + (100 - (text.size() % 101)), 'x');
    text += '\n';
  }
  return text;
}

class TelegramRecorded : public ::testing::Test {
 protected:
  Side send(const std::string& fields, const std::string& account = kAccount) {
    return both.expect_recorded("send_message", fields, account);
  }
  std::string fields_with_text(const std::string& chat, const std::string& text, const std::string& more = "") {
    rapidjson::Document fields(rapidjson::kObjectType);
    connectors::set_string(fields, "chat_id", chat, fields.GetAllocator());
    connectors::set_string(fields, "text", text, fields.GetAllocator());
    std::string written = flowc::to_json(fields);
    if (!more.empty()) written.insert(written.size() - 1, "," + more);
    return written;
  }
  RecordedSends both{"telegram", telegram_service};
};

TEST_F(TelegramRecorded, ShortMessages) {
  Side side = send(R"({"chat_id":"42","text":"Hello, <b>world</b> ✓","parse_mode":"HTML","disable_preview":true})");
  EXPECT_TRUE(side.outcome.success);
  send(R"({"chat_id":-100123,"text":"numeric chat","disable_preview":false})");
  send(R"({"chat_id":"42","text":"empty parse mode","parse_mode":""})");
}

TEST_F(TelegramRecorded, LongTextIsSplitAlike) {
  Side side = send(fields_with_text("42", long_text(90)));
  ASSERT_EQ(side.received.size(), 3u);
  EXPECT_EQ(side.outcome.response["message_ids"].Size(), 3u);
  send(fields_with_text("42", std::string(9000, 'a')));
  send(fields_with_text("42", long_text(50, "😀 emoji take two units ")));
  send(fields_with_text("42", long_text(90), R"("long_text":"truncate")"));
  send(fields_with_text("second-fails", long_text(90)));
}

TEST_F(TelegramRecorded, FailuresReadAlike) {
  for (const char* chat : {"missing", "refused", "unconfirmed", "proxy", "echo-token"})
    send(std::string(R"({"chat_id":")") + chat + R"(","text":"hi"})");
  send(R"({"chat_id":"42","text":""})");
  send(R"({"text":"no chat"})");
  send(R"({"chat_id":"42","text":"hi","long_text":"drop"})");
  send(R"({"chat_id":"42","text":"hi"})", R"({"base_url":"{URL}"})");
}

TEST_F(TelegramRecorded, FloodWaitIsHonouredAlike) {
  Side side = send(R"({"chat_id":"flood","text":"hi"})");
  EXPECT_TRUE(side.outcome.success);
  EXPECT_EQ(side.received.size(), 2u);
}

// The hand-written connector's retry advice: a 429's wait from its body, else the default rule.
std::optional<std::chrono::milliseconds> hand_written_advice(const HttpResponse& response) {
  if (response.status == 429) {
    if (auto answer = connectors::parse_json(response.body)) {
      long long seconds = connectors::integer_field(*answer, "retry_after", -1);
      if (const auto* parameters = connectors::member(*answer, "parameters"))
        seconds = connectors::integer_field(*parameters, "retry_after", seconds);
      if (seconds > 0) return std::chrono::seconds(seconds);
    }
  }
  return default_retry_advice(response);
}

TEST_F(TelegramRecorded, RetryAdviceIsTheHandWrittenOnes) {
  auto engine = both.engine("send_message");
  ASSERT_NE(engine, nullptr);
  const RetryAdvice manifest_advice = manifest_engine::retry_advice(both.manifest().retry);
  ASSERT_TRUE(manifest_advice);
  auto answer = [](int status, std::string body, Headers headers = {}) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
  };
  for (const HttpResponse& response :
       {answer(429, R"({"parameters":{"retry_after":7}})"), answer(429, R"({"retry_after":3})"),
        answer(429, R"({"retry_after":3,"parameters":{"retry_after":9}})"), answer(429, "{}", {{"retry-after", "4"}}),
        answer(429, "not json"), answer(503, "{}", {{"retry-after", "2"}}), answer(500, "{}"), answer(400, "{}"),
        answer(200, "{}"), answer(0, "")}) {
    SCOPED_TRACE(std::to_string(response.status) + " " + response.body);
    EXPECT_EQ(hand_written_advice(response), manifest_advice(response));
  }
  // Where they differ on purpose: the manifest reads a wait in the body on every retried status
  // (docs/connector-format.md, `after_body`), the hand-written connector only on a 429.
  EXPECT_EQ(manifest_advice(answer(503, R"({"parameters":{"retry_after":5}})")), std::chrono::seconds(5));
}

}  // namespace
}  // namespace flowc::runtime::testing
