// The seed scenario's branch logic on http.request sends against a real loopback server:
// update, else create, else alert; `skipped` where a branch did not run.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/recording_server.hpp"
#include "tests/support/run_options.hpp"

namespace flowc::testing {
namespace {

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  return document;
}

// PATCH /orders/1 exists; 2 and 3 do not. Creating "C" is rejected, so row 4 needs an alert.
Reply crm_like(const ReceivedRequest& request, std::size_t) {
  if (request.method == "PATCH") {
    if (request.path == "/orders/1") return {200, R"({"id":1})"};
    return {404, R"({"message":"Order not found"})"};
  }
  if (request.method == "POST" && request.path == "/orders") {
    const auto body = parse_json(request.body);
    if (std::string(body["title"].GetString()).starts_with("C")) {
      return {422, R"({"message":"Validation failed: title is reserved"})"};
    }
    return {201, R"({"id":501})"};
  }
  if (request.method == "POST" && request.path == "/alerts") return {200, R"({"ok":true})"};
  return {400, R"({"message":"unexpected"})"};
}

constexpr const char* kFlow = R"FLOW(flow "update or create or alert"
account files = csv {}
account api   = http { base_url = "{base}" }

source row = files.new_rows {
  path = "{csv}"
  where row.product is not empty
}

send update = api.request {
  method      = PATCH
  url         = "/orders/{{row.id}}"
  body.title  = "{{row.product}} x {{row.qty}}"
  body.total  = row.amount
}

if update.result == fail then
  send create = api.request {
    method     = POST
    url        = "/orders"
    body.title = "{{row.product}} x {{row.qty}}"
  }
  if create.result == fail then
    send alert = api.request {
      method    = POST
      url       = "/alerts"
      body.text = "Order {{row.id}}: {{create.errors}} (created id {{create.id}})"
    }
  end
else
  send note = api.request { method = POST  url = "/alerts"  body.text = "updated {{row.id}}" }
end
)FLOW";

std::string flow_text(const std::string& base, const std::string& csv) {
  std::string text = kFlow;
  text.replace(text.find("{base}"), 6, base);
  text.replace(text.find("{csv}"), 5, csv);
  return text;
}

TEST(Branching, UpdateElseCreateElseAlert) {
  RecordingServer server(crm_like);
  TempDir dir;
  const std::string csv = dir.write("orders.csv",
                                    "id,product,qty,amount\n"
                                    "1,Apple,2,10.5\n"
                                    "2,Banana,3,7\n"
                                    "3,,1,1\n"
                                    "4,Cherry,5,20\n");
  const ir::Flow flow = compile_or_fail(flow_text(server.url(), csv));
  RecordingObserver observer(flow);
  const runtime::RunSummary summary = runtime::run_flow(flow, builtin_run_options(), observer);

  EXPECT_EQ(summary.rows_read, 4u);
  EXPECT_EQ(summary.rows_filtered_out, 1u);
  EXPECT_FALSE(summary.unhandled_failure());

  // Row numbers follow the file's lines: the header is line 1.
  auto& rows = observer.rows;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2]["update"].result, "success");
  EXPECT_EQ(rows[2]["create"].result, "skipped");
  EXPECT_EQ(rows[2]["alert"].result, "skipped");
  EXPECT_EQ(rows[2]["note"].result, "success");

  EXPECT_EQ(rows[3]["update"].result, "fail");
  EXPECT_EQ(rows[3]["update"].status, 404);
  EXPECT_EQ(rows[3]["update"].errors, "Order not found");
  EXPECT_EQ(rows[3]["create"].result, "success");
  EXPECT_EQ(rows[3]["alert"].result, "skipped");
  EXPECT_EQ(rows[3]["note"].result, "skipped");

  EXPECT_EQ(rows[5]["update"].result, "fail");
  EXPECT_EQ(rows[5]["create"].result, "fail");
  EXPECT_EQ(rows[5]["create"].status, 422);
  EXPECT_EQ(rows[5]["alert"].result, "success");

  // Exactly the requests the flow implies, with the rendered bodies.
  std::multiset<std::string> seen;
  for (const ReceivedRequest& request : server.requests()) seen.insert(request.method + " " + request.path + " " + request.body);
  const std::multiset<std::string> expected{
      R"(PATCH /orders/1 {"title":"Apple x 2","total":"10.5"})",
      R"(POST /alerts {"text":"updated 1"})",
      R"(PATCH /orders/2 {"title":"Banana x 3","total":"7"})",
      R"(POST /orders {"title":"Banana x 3"})",
      R"(PATCH /orders/4 {"title":"Cherry x 5","total":"20"})",
      R"(POST /orders {"title":"Cherry x 5"})",
      R"X(POST /alerts {"text":"Order 4: Validation failed: title is reserved (created id )"})X",
  };
  EXPECT_EQ(seen, expected);
  for (const ReceivedRequest& request : server.requests()) {
    EXPECT_EQ(request.header("Content-Type"), "application/json") << request.method << " " << request.path;
  }
}

TEST(Branching, UnexaminedFailureIsReportedAsUnhandled) {
  RecordingServer server([](const ReceivedRequest&, std::size_t) { return Reply{500, R"({"message":"down"})"}; });
  TempDir dir;
  const std::string csv = dir.write("rows.csv", "id\n1\n");
  const std::string text = csv_to_http_flow("unhandled", server.url(), csv) + R"(send api.request { method = POST  url = "/x"  body.id = row.id }
settings { retries = 1 }
)";
  const ir::Flow flow = compile_or_fail(text);
  RecordingObserver observer(flow);
  const runtime::RunSummary summary = runtime::run_flow(flow, builtin_run_options(), observer);
  EXPECT_TRUE(summary.unhandled_failure());
  EXPECT_EQ(summary.sends[0].fail, 1u);
  EXPECT_EQ(summary.sends[0].unhandled, 1u);
  // A POST answered 500 may have been acted on: it is not repeated on its own.
  EXPECT_EQ(server.requests().size(), 1u);
}

}  // namespace
}  // namespace flowc::testing
