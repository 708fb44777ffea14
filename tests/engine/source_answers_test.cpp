// How a manifest source reads the answers real listings give besides a page of records: a
// refusal inside HTTP 200 (Slack's `ok: false`), no content (Kommo's 204), a list left out or
// null (Google's empty range, Pipedrive's `"data": null`); and how a send reads a list of error
// messages (Nova Poshta's `errors`) and a fractional wait (Discord's `retry_after`).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>

#include "runtime/manifest_engine/manifest_send.hpp"
#include "runtime/manifest_engine/source/manifest_source.hpp"
#include "tests/connectors/test_support.hpp"
#include "tests/manifest/manifest_support.hpp"
#include "tests/support/recording_server.hpp"

namespace flowc::runtime::testing {
namespace {

using flowc::testing::ReceivedRequest;
using flowc::testing::Reply;

constexpr const char* kChat = R"(
connector chat {
  title       = "Chat"
  description = "Answers 200 with ok: false when it refuses."
  base_url    = "https://chat.example"
  retry { statuses = [429]  after_body = ["retry_after"] }
  action new_messages {
    kind        = source
    description = "Messages."
    request { method = GET  path = "history" }
    response {
      success { body.ok = true }
      error   = ["error"]
      records = "messages"
    }
  }
  action post {
    kind        = send
    description = "Posts."
    field text { type = string  description = "Text." }
    request { method = POST  path = "post"  body = json }
    response {
      success { body.ok = true }
      error   = ["errors"]
    }
  }
}
)";

class SourceAnswers : public ::testing::Test {
 protected:
  std::size_t rows_for(Reply reply) {
    answer = std::move(reply);
    auto action = manifest_engine::make_source_action(chat, "new_messages");
    TestAccount account(R"({"base_url":")" + server.url() + R"("})", "chat");
    auto fields = json("{}");
    auto source = action->open(fields, account.config, http);
    std::size_t rows = 0;
    while (source->next()) ++rows;
    return rows;
  }

  manifest::ConnectorManifest chat = manifest_test::read_clean(kChat);
  Reply answer;
  std::atomic<int> waits{0};
  flowc::testing::RecordingServer server{[this](const ReceivedRequest& request, std::size_t count) {
    if (request.path == "/post") {
      if (count == 0) return Reply(429, R"({"ok":false,"retry_after":0.25})");
      return Reply(200, R"({"ok":false,"errors":["Recipient city is required","Weight is invalid"]})");
    }
    return answer;
  }};
  HttpClient http;
};

TEST_F(SourceAnswers, ARefusalInsideHttp200FailsWithTheServicesMessage) {
  try {
    rows_for(Reply(200, R"({"ok":false,"error":"channel_not_found"})"));
    FAIL() << "a refused listing read as empty";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "Chat new_messages failed (HTTP 200): channel_not_found");
  }
}

TEST_F(SourceAnswers, NoContentOrNoListIsTheEndOfTheListing) {
  EXPECT_EQ(rows_for(Reply(204, "")), 0u);
  EXPECT_EQ(rows_for(Reply(200, R"({"ok":true})")), 0u);
  EXPECT_EQ(rows_for(Reply(200, R"({"ok":true,"messages":null})")), 0u);
  EXPECT_EQ(rows_for(Reply(200, R"({"ok":true,"messages":[{"id":1},{"id":2}]})")), 2u);
  EXPECT_THROW(rows_for(Reply(200, R"({"ok":true,"messages":"none"})")), std::runtime_error)
      << "a list that is something else is still an error";
}

TEST_F(SourceAnswers, ASendJoinsAListOfErrorsAndWaitsAFractionalRetryAfter) {
  auto post = manifest_engine::make_send_action(chat, "post");
  TestAccount account(R"({"base_url":")" + server.url() + R"("})", "chat");
  auto fields = json(R"({"text":"hi"})");
  const auto started = std::chrono::steady_clock::now();
  ExchangeRun run = run_exchange(*post, fields, account.config, http);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(250)) << "the body's 0.25 s";
  EXPECT_FALSE(run.outcome.success);
  EXPECT_EQ(run.outcome.errors, "Recipient city is required; Weight is invalid");
}

}  // namespace
}  // namespace flowc::runtime::testing
