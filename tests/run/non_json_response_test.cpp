// Responses that are not what they claim, end to end through `flowc run`: a 200 whose body is a
// proxy's HTML page. A connector that expects JSON fails the send and quotes the page's start;
// http.request does so with `expect = json`, and otherwise reading a field of the text answer is a
// row error instead of a silent empty value. Secrets the page echoes stay masked.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/recording_server.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

constexpr const char* kToken = "proxy-echoed-token-5150";

// A captive proxy: 200, an HTML page that echoes the request's credentials (http's Authorization,
// KeepinCRM's X-Auth-Token).
Reply proxy_page(const ReceivedRequest& request, std::size_t) {
  Reply reply{200, "<!DOCTYPE html>\n<html><head><title>Sign in to the proxy</title></head>\n<body>" +
                       request.header("Authorization") + request.header("X-Auth-Token") + "</body></html>"};
  reply.content_type = "text/html; charset=utf-8";
  return reply;
}

struct FlowRun {
  TempDir dir;
  CommandResult result;
};

// Runs `sends` (after a one-row CSV source and an http account `api` with a bearer token) once.
void run_flow(FlowRun& run, const std::string& base_url, const std::string& sends) {
  const std::string csv = run.dir.write("rows.csv", "id\n7\n");
  const std::string flow = run.dir.write(
      "proxy.flow", fmt::format(R"(flow "behind a proxy"
account files = csv {{}}
account api = http {{ base_url = "{}"  bearer_token = env.PROXY_TEST_TOKEN }}
account crm = keepincrm {{ base_url = "{}"  api_key = env.PROXY_TEST_TOKEN }}
source row = files.new_rows {{ path = "{}" }}
)",
                                base_url, base_url, csv) +
                        sends);
  run.result = run_flowc("run --state " + (run.dir.path() / "state.db").string() + " " + flow,
                         std::string("PROXY_TEST_TOKEN=") + kToken);
}

std::string output(const FlowRun& run) { return run.result.out + run.result.err; }

TEST(NonJsonResponse, KeepinCrmCreateAnsweredByAnHtmlPageIsAFailureThatQuotesIt) {
  RecordingServer server(proxy_page);
  FlowRun run;
  run_flow(run, server.url(), R"(send create = crm.create_order { title = "order {{row.id}}" }
if create.result == fail then
  send note = api.request { url = "/note"  body.error = create.errors  body.id = create.id }
end
)");
  ASSERT_EQ(server.requests().size(), 2u) << output(run);
  const std::string note = server.requests()[1].body;
  EXPECT_NE(note.find("the response is not JSON (HTTP 200, Content-Type text/html; charset=utf-8): "
                      "<!DOCTYPE html> <html><head><title>Sign in to the proxy"),
            std::string::npos)
      << note;
  EXPECT_EQ(note.find(kToken), std::string::npos) << note;
  EXPECT_NE(note.find("[redacted]"), std::string::npos) << note;
}

TEST(NonJsonResponse, HttpRequestExpectingJsonFailsWithTheStartOfThePage) {
  RecordingServer server(proxy_page);
  FlowRun run;
  run_flow(run, server.url(), R"(send lookup = api.request { url = "/orders/{{row.id}}"  expect = json }
)");
  EXPECT_NE(run.result.exit_code, 0) << output(run);
  EXPECT_NE(output(run).find("the response is not JSON (HTTP 200"), std::string::npos) << output(run);
  EXPECT_NE(output(run).find("Sign in to the proxy"), std::string::npos) << output(run);
  EXPECT_EQ(output(run).find(kToken), std::string::npos) << output(run);
}

TEST(NonJsonResponse, ReadingAFieldOfATextAnswerIsARowErrorNotAnEmptyValue) {
  RecordingServer server(proxy_page);
  FlowRun run;
  run_flow(run, server.url(), R"(send lookup = api.request { url = "/orders/{{row.id}}" }
send save = api.request { url = "/save"  body.id = lookup.id }
)");
  EXPECT_NE(run.result.exit_code, 0) << output(run);
  EXPECT_NE(output(run).find("lookup.id cannot be read: the response of lookup is not JSON (HTTP 200"),
            std::string::npos)
      << output(run);
  ASSERT_EQ(server.requests().size(), 1u) << "the second send went out with an empty id";
  EXPECT_EQ(output(run).find(kToken), std::string::npos) << output(run);
}

TEST(NonJsonResponse, TheBodyOfATextAnswerStaysReadable) {
  RecordingServer server([](const ReceivedRequest&, std::size_t count) {
    Reply reply{200, count == 0 ? "pong" : "{}"};
    if (count == 0) reply.content_type = "text/plain";
    return reply;
  });
  FlowRun run;
  run_flow(run, server.url(), R"(send ping = api.request { url = "/ping" }
send save = api.request { url = "/save"  body.answer = ping.body }
)");
  EXPECT_EQ(run.result.exit_code, 0) << output(run);
  ASSERT_EQ(server.requests().size(), 2u) << output(run);
  EXPECT_EQ(server.requests()[1].body, R"({"answer":"pong"})");
}

}  // namespace
}  // namespace flowc::testing
