// Fault injection: the decision sequence itself, and each fault as the services answer it.
#include "tools/sandbox/faults.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "tests/sandbox/sandbox_test_support.hpp"

namespace flowc::sandbox::testing {
namespace {

std::vector<int> statuses(Faults faults, int count) {
  FaultInjector injector(faults);
  std::vector<int> out;
  for (int i = 0; i < count; ++i) out.push_back(injector.next().status);
  return out;
}

TEST(FaultInjector, ThrottleEveryNth) {
  Faults faults;
  faults.throttle_every = 3;
  faults.retry_after_seconds = 7;
  EXPECT_EQ(statuses(faults, 7), (std::vector<int>{0, 0, 429, 0, 0, 429, 0}));
  FaultInjector injector(faults);
  injector.next();
  injector.next();
  EXPECT_EQ(injector.next().retry_after_seconds, 7);
}

TEST(FaultInjector, BurstsStartEveryMthRequest) {
  Faults faults;
  faults.burst_5xx_every = 5;
  faults.burst_5xx_length = 2;
  EXPECT_EQ(statuses(faults, 12), (std::vector<int>{0, 0, 0, 0, 503, 503, 0, 0, 0, 503, 503, 0}));
}

TEST(FaultInjector, RandomFailuresFollowTheRateAndTheSeed) {
  Faults faults;
  faults.failure_rate = 0.3;
  faults.seed = 42;
  auto first = statuses(faults, 2000);
  EXPECT_EQ(first, statuses(faults, 2000));  // same seed, same run
  auto failures = std::count(first.begin(), first.end(), 500);
  EXPECT_GT(failures, 500);
  EXPECT_LT(failures, 700);
  faults.seed = 43;
  EXPECT_NE(first, statuses(faults, 2000));
  faults.failure_rate = 1;
  auto all = statuses(faults, 10);
  EXPECT_EQ(std::count(all.begin(), all.end(), 500), 10);
}

TEST(FaultInjector, ValidatesSettings) {
  auto invalid = [](auto change) {
    Faults faults;
    change(faults);
    return faults;
  };
  EXPECT_THROW(validate_faults(invalid([](Faults& f) { f.failure_rate = 1.5; })), std::invalid_argument);
  EXPECT_THROW(validate_faults(invalid([](Faults& f) { f.latency_ms = -1; })), std::invalid_argument);
  EXPECT_THROW(validate_faults(invalid([](Faults& f) { f.burst_5xx_length = 2; })), std::invalid_argument);
  EXPECT_THROW(validate_faults(invalid([](Faults& f) {
                 f.burst_5xx_every = 2;
                 f.burst_5xx_length = 2;
               })),
               std::invalid_argument);
  EXPECT_NO_THROW(validate_faults(Faults{}));
  SandboxOptions options;
  options.faults.reject_orders_matching = "([unclosed";
  EXPECT_THROW(Sandbox{options}, std::invalid_argument);
}

class FaultsOverHttpTest : public SandboxTest {};

TEST_F(FaultsOverHttpTest, ThrottleIs429WithRetryAfterInEachServicesShape) {
  SandboxOptions options;
  options.faults.throttle_every = 1;
  options.faults.retry_after_seconds = 2;
  start(options);

  auto telegram = client().Post(kBotPath, R"({"chat_id":1,"text":"x"})", kJsonType);
  EXPECT_EQ(telegram->status, 429);
  EXPECT_EQ(telegram->get_header_value("Retry-After"), "2");
  auto body = parse_json(telegram->body);
  EXPECT_EQ(body["parameters"]["retry_after"].GetInt(), 2);
  EXPECT_STREQ(body["description"].GetString(), "Too Many Requests: retry after 2");

  auto crm = client().Get("/keepincrm/v1/agreements", kCrmAuth);
  EXPECT_EQ(crm->status, 429);
  EXPECT_EQ(crm->get_header_value("Retry-After"), "2");
  EXPECT_TRUE(parse_json(crm->body)["message"].IsString());

  auto sheets = client().Get("/sheets/v4/spreadsheets/x/values/A?key=k");
  EXPECT_EQ(sheets->status, 429);
  EXPECT_STREQ(parse_json(sheets->body)["error"]["status"].GetString(), "RESOURCE_EXHAUSTED");

  // A faulted request is logged with what it carried, so a retry's body can be compared.
  auto logged = sandbox_->requests();
  ASSERT_EQ(logged.size(), 3u);
  EXPECT_EQ(logged[0].status, 429);
  EXPECT_NE(logged[0].body.find("\"text\":\"x\""), std::string::npos) << logged[0].body;

  // The sandbox's own endpoints are never faulted, and nothing was stored.
  EXPECT_EQ(client().Get("/_sandbox/state")->status, 200);
  EXPECT_TRUE(sandbox_->telegram_messages().empty());
}

TEST_F(FaultsOverHttpTest, BurstOf503sThenRecovery) {
  SandboxOptions options;
  options.faults.burst_5xx_every = 3;
  options.faults.burst_5xx_length = 2;
  start(options);
  std::vector<int> seen;
  for (int i = 0; i < 6; ++i) seen.push_back(client().Get("/keepincrm/v1/agreements", kCrmAuth)->status);
  EXPECT_EQ(seen, (std::vector<int>{200, 200, 503, 503, 200, 503}));
}

TEST_F(FaultsOverHttpTest, RandomFailureIs500) {
  SandboxOptions options;
  options.faults.failure_rate = 1;
  start(options);
  auto res = client().Get("/sheets/v4/spreadsheets/x/values/A?key=k");
  EXPECT_EQ(res->status, 500);
  EXPECT_STREQ(parse_json(res->body)["error"]["status"].GetString(), "INTERNAL");
  auto telegram = client().Post(kBotPath, R"({"chat_id":1,"text":"x"})", kJsonType);
  EXPECT_EQ(telegram->status, 500);
  EXPECT_FALSE(parse_json(telegram->body)["ok"].GetBool());
}

TEST_F(FaultsOverHttpTest, LatencyDelaysEveryAnswer) {
  SandboxOptions options;
  options.faults.latency_ms = 150;
  start(options);
  auto begin = std::chrono::steady_clock::now();
  EXPECT_EQ(client().Get("/keepincrm/v1/agreements", kCrmAuth)->status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - begin, std::chrono::milliseconds(150));
}

TEST_F(FaultsOverHttpTest, RejectedOrdersFailCreateWith422) {
  SandboxOptions options;
  options.faults.reject_orders_matching = "(?i)broken";
  start(options);
  auto rejected = client().Post("/keepincrm/v1/agreements", kCrmAuth, R"({"title":"A BROKEN chair"})", kJsonType);
  ASSERT_EQ(rejected->status, 422);
  auto error = parse_json(rejected->body);
  EXPECT_STREQ(error["message"].GetString(), "Validation failed");
  EXPECT_STREQ(error["errors"]["title"][0].GetString(), "is invalid");
  EXPECT_EQ(client().Post("/keepincrm/v1/agreements", kCrmAuth, R"({"title":"Fine"})", kJsonType)->status, 201);

  options.faults.reject_orders_matching = "client.person=^Ivan$";
  start(options);
  auto by_field = client().Post("/keepincrm/v1/agreements", kCrmAuth,
                                R"({"title":"T","client_attributes":{"person":"Ivan"}})", kJsonType);
  ASSERT_EQ(by_field->status, 422);
  EXPECT_TRUE(parse_json(by_field->body)["errors"].HasMember("client.person"));
  EXPECT_EQ(client()
                .Post("/keepincrm/v1/agreements", kCrmAuth, R"({"title":"T","client_attributes":{"person":"Ivanna"}})",
                      kJsonType)
                ->status,
            201);
}

}  // namespace
}  // namespace flowc::sandbox::testing
