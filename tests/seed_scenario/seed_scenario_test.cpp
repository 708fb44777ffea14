// The reference scenario end to end against the sandbox: sheet rows -> update the KeepinCRM
// order -> else create it -> else alert in Telegram with the row's data and the error text.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/support/run_options.hpp"
#include "tools/sandbox/flow_binding.hpp"
#include "tools/sandbox/sandbox.hpp"
#include "tests/support/flow_fixture.hpp"

namespace flowc::testing {
namespace {

const std::string kSamples = std::string(FLOWC_SOURCE_DIR) + "/samples";

ir::Flow seed_flow() {
  std::ifstream in(kSamples + "/keepincrm_update_or_create.flow");
  std::stringstream text;
  text << in.rdbuf();
  return compile_or_fail(text.str(), "samples/keepincrm_update_or_create.flow");
}

struct ScenarioRun {
  runtime::RunSummary summary;
  std::vector<sandbox::LoggedRequest> requests;
  std::vector<sandbox::TelegramMessage> messages;
  rapidjson::Document orders;
  std::map<std::uint64_t, std::map<std::string, RecordingObserver::SendRecord>> rows;
};

ScenarioRun run_scenario(const ir::Flow& flow, sandbox::Faults faults) {
  sandbox::SandboxOptions options;
  options.data_dir = kSamples + "/data";
  options.faults = std::move(faults);
  sandbox::Sandbox box(options);
  box.start();
  sandbox::fill_missing_env(flow);

  runtime::RunOptions run = builtin_run_options();
  run.account_overrides = sandbox::account_overrides(box);
  RecordingObserver observer(flow);
  ScenarioRun result;
  result.summary = runtime::run_flow(flow, run, observer);
  result.requests = box.requests();
  result.messages = box.telegram_messages();
  result.orders.Parse(box.orders_json().c_str());
  result.rows = observer.rows;
  return result;
}

// The order with this title, or null.
const rapidjson::Value* order_titled(const rapidjson::Document& orders, const std::string& title) {
  for (const auto& order : orders.GetArray()) {
    if (order.HasMember("title") && title == order["title"].GetString()) return &order;
  }
  return nullptr;
}

std::vector<std::string> keepincrm_calls(const std::vector<sandbox::LoggedRequest>& requests) {
  std::vector<std::string> calls;
  for (const auto& request : requests) {
    if (request.service == "keepincrm") calls.push_back(request.method + " " + request.path + " " + std::to_string(request.status));
  }
  std::sort(calls.begin(), calls.end());
  return calls;
}

TEST(SeedScenario, UpdatesExistingCreatesMissingAlertsOnRejection) {
  const ir::Flow flow = seed_flow();
  const ScenarioRun run = run_scenario(flow, {});

  EXPECT_EQ(run.summary.rows_read, 6u);
  EXPECT_EQ(run.summary.rows_filtered_out, 2u);  // the draft and the row without an order id
  EXPECT_FALSE(run.summary.unhandled_failure());

  // Rows are numbered as in the sheet: the header is row 1.
  auto rows = run.rows;
  EXPECT_EQ(rows[2]["update"].result, "success");  // 1001 exists
  EXPECT_EQ(rows[2]["create"].result, "skipped");
  EXPECT_EQ(rows[3]["update"].result, "success");  // 1002 exists
  EXPECT_EQ(rows[5]["update"].result, "fail");     // 2001 does not exist...
  EXPECT_EQ(rows[5]["update"].status, 404);
  EXPECT_EQ(rows[5]["create"].result, "success");  // ...so it is created
  EXPECT_EQ(rows[5]["send_2"].result, "skipped");
  EXPECT_EQ(rows[6]["update"].result, "fail");     // 2002 does not exist either...
  EXPECT_EQ(rows[6]["create"].result, "fail");     // ...and KeepinCRM refuses its phone
  EXPECT_EQ(rows[6]["create"].status, 422);
  EXPECT_EQ(rows[6]["send_2"].result, "success");  // so Telegram hears about it

  // Request by request, as KeepinCRM received them.
  const std::vector<std::string> expected{
      "PATCH /keepincrm/v1/agreements/1001 200", "PATCH /keepincrm/v1/agreements/1002 200", "PATCH /keepincrm/v1/agreements/2001 404",
      "PATCH /keepincrm/v1/agreements/2002 404", "POST /keepincrm/v1/agreements 201",       "POST /keepincrm/v1/agreements 422",
  };
  EXPECT_EQ(keepincrm_calls(run.requests), expected);

  // The updates carry the mapped fields; the created order its client.
  const rapidjson::Value* chair = order_titled(run.orders, "Chair x 2");
  ASSERT_NE(chair, nullptr);
  EXPECT_EQ((*chair)["id"].GetInt64(), 1001);
  EXPECT_EQ((*chair)["comment"].GetString(), std::string("synced from sheet row 2"));
  const rapidjson::Value* sofa = order_titled(run.orders, "Sofa x 1");
  ASSERT_NE(sofa, nullptr);
  EXPECT_GT((*sofa)["id"].GetInt64(), 1002);
  EXPECT_EQ(order_titled(run.orders, "Mirror x 1"), nullptr);

  // One alert, carrying the row's data and KeepinCRM's own message.
  ASSERT_EQ(run.messages.size(), 1u);
  const std::string& text = run.messages[0].text;
  EXPECT_NE(text.find("Order 2002 was neither updated nor created."), std::string::npos) << text;
  EXPECT_NE(text.find("Validation failed"), std::string::npos) << text;
  EXPECT_NE(text.find("phones"), std::string::npos) << text;
  EXPECT_NE(text.find("keepincrm_update_or_create.flow"), std::string::npos) << text;
  EXPECT_EQ(run.messages[0].chat_id, "-1001234567890");

  // The bot token never shows in the log of what Telegram received.
  for (const auto& request : run.requests) EXPECT_EQ(request.path.find("sandbox-bot-token"), std::string::npos);
}

TEST(SeedScenario, ThrottlingAndServerErrorsChangeNothingInTheEnd) {
  // One request at a time, so the faults below fall on a fixed sequence: no request meets more
  // than 4 in a row, within the 6 attempts `retries = 5` allows. With rows in flight together, the
  // other rows' requests could take every good slot and exhaust a request's retries by chance.
  ir::Flow flow = seed_flow();
  flow.settings.concurrency = 1;
  const ScenarioRun clean = run_scenario(flow, {});
  sandbox::Faults faults;
  faults.throttle_every = 3;
  faults.retry_after_seconds = 1;
  faults.burst_5xx_every = 5;
  faults.burst_5xx_length = 2;
  const ScenarioRun faulty = run_scenario(flow, faults);

  // Retries happened...
  EXPECT_GT(faulty.requests.size(), clean.requests.size());
  // ...yet every row ends the same, nothing is lost and nothing is created twice.
  EXPECT_EQ(faulty.rows.size(), clean.rows.size());
  for (const auto& [row, sends] : clean.rows) {
    for (const auto& [name, send] : sends) EXPECT_EQ(faulty.rows.at(row).at(name).result, send.result) << row << " " << name;
  }
  EXPECT_EQ(faulty.orders.Size(), clean.orders.Size());
  EXPECT_NE(order_titled(faulty.orders, "Sofa x 1"), nullptr);
  EXPECT_EQ(faulty.messages.size(), 1u);
}

}  // namespace
}  // namespace flowc::testing
