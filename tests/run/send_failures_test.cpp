// How a send meets a failing service, end to end: retried transient failures, Retry-After,
// timeouts and refused connections, each ending as the send's result with the service's message.
#include <gtest/gtest.h>

#include <chrono>

#include <fmt/format.h>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/recording_server.hpp"
#include "tests/support/run_options.hpp"

namespace flowc::testing {
namespace {

struct Outcome {
  RecordingObserver::SendRecord send;
  std::chrono::milliseconds elapsed;
};

// One row, one examined send to `base` with the given settings line.
Outcome run_one_send(const std::string& base, const std::string& settings) {
  TempDir dir;
  const std::string csv = dir.write("rows.csv", "id,name\n7,Ann \"the\" \\ Tester\n");
  const std::string text = csv_to_http_flow("one send", base, csv) + R"(send call = api.request {
  method    = POST
  url       = "/items/{{row.id}}"
  body.name = row.name
}
if call.result == fail then
end
)" + settings + "\n";
  const ir::Flow flow = compile_or_fail(text);
  RecordingObserver observer(flow);
  const auto start = std::chrono::steady_clock::now();
  runtime::run_flow(flow, builtin_run_options(), observer);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return {observer.rows[2]["call"], elapsed};
}

TEST(SendFailures, SuccessSendsExactRequest) {
  RecordingServer server([](const ReceivedRequest&, std::size_t) { return Reply{201, R"({"id":9})"}; });
  const Outcome outcome = run_one_send(server.url(), "");
  EXPECT_EQ(outcome.send.result, "success");
  EXPECT_EQ(outcome.send.status, 201);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/items/7");
  // Quotes and backslashes in a cell stay inside the JSON string.
  EXPECT_EQ(requests[0].body, R"({"name":"Ann \"the\" \\ Tester"})");
}

TEST(SendFailures, ClientErrorIsNotRetriedAndKeepsServiceMessage) {
  RecordingServer server([](const ReceivedRequest&, std::size_t) {
    return Reply{422, R"({"message":"name is too long"})"};
  });
  const Outcome outcome = run_one_send(server.url(), "");
  EXPECT_EQ(outcome.send.result, "fail");
  EXPECT_EQ(outcome.send.status, 422);
  EXPECT_EQ(outcome.send.errors, "name is too long");
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(SendFailures, ServerErrorsAreRetriedUntilSuccess) {
  RecordingServer server([](const ReceivedRequest&, std::size_t count) {
    return count < 2 ? Reply{503, R"({"message":"busy"})"} : Reply{200, R"({"ok":true})"};
  });
  const Outcome outcome = run_one_send(server.url(), "settings { retries = 3 }");
  EXPECT_EQ(outcome.send.result, "success");
  EXPECT_EQ(server.requests().size(), 3u);
  for (const ReceivedRequest& request : server.requests()) EXPECT_EQ(request.body, server.requests()[0].body);
}

TEST(SendFailures, TooManyRequestsHonoursRetryAfter) {
  RecordingServer server([](const ReceivedRequest&, std::size_t count) {
    Reply reply{429, R"({"message":"slow down"})"};
    reply.headers.emplace("Retry-After", "1");
    return count == 0 ? reply : Reply{200, "{}"};
  });
  const Outcome outcome = run_one_send(server.url(), "settings { retries = 2 }");
  EXPECT_EQ(outcome.send.result, "success");
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_GE(outcome.elapsed.count(), 900);
}

TEST(SendFailures, TimeoutFailsTheSendWithoutHanging) {
  RecordingServer server([](const ReceivedRequest&, std::size_t) {
    Reply reply{200, "{}"};
    reply.delay_ms = 1500;
    return reply;
  });
  const Outcome outcome = run_one_send(server.url(), "settings { retries = 0  timeout = 1s }");
  EXPECT_EQ(outcome.send.result, "fail");
  EXPECT_EQ(outcome.send.status, 0);
  EXPECT_NE(outcome.send.errors.find("timed out"), std::string::npos) << outcome.send.errors;
  EXPECT_LT(outcome.elapsed.count(), 1400);
}

TEST(SendFailures, ConnectionRefusedFailsAfterRetries) {
  int closed_port;
  {
    RecordingServer probe([](const ReceivedRequest&, std::size_t) { return Reply{}; });
    closed_port = probe.port();
  }
  const Outcome outcome = run_one_send(fmt::format("http://127.0.0.1:{}", closed_port), "settings { retries = 1 }");
  EXPECT_EQ(outcome.send.result, "fail");
  EXPECT_EQ(outcome.send.status, 0);
  EXPECT_FALSE(outcome.send.errors.empty());
}

}  // namespace
}  // namespace flowc::testing
