// A row's sends as the JSON array stored in its outcome (schema version 4), and one send alone.
#include <gtest/gtest.h>

#include <stdexcept>

#include "runtime/state/history/send_records_json.hpp"

namespace flowc::runtime::state {
namespace {

TEST(SendRecordsJson, EveryFieldSurvivesTheRoundTrip) {
  const std::vector<SendRecord> sends = {
      {"update", SendResult::fail, 404, "order \"7\" not found\nline two", "", false},
      {"create", SendResult::uncertain, 0, "the run ended", "", true},
      {"alert", SendResult::success, 200, "", "Замовлення 42 ✓", false},
      {"skip", SendResult::skipped, 0, "", "", false},
  };
  EXPECT_EQ(parse_sends_json(sends_json(sends)), sends);
  EXPECT_EQ(sends_json({}), "[]");
  EXPECT_TRUE(parse_sends_json("[]").empty());
}

TEST(SendRecordsJson, TheTextIsPlainJsonThatSqlCanRead) {
  EXPECT_EQ(sends_json(std::vector<SendRecord>{{"update", SendResult::success, 200, "", "9", false}}),
            R"([{"name":"update","result":"success","status":200,"errors":"","response_id":"9","unhandled":false}])");
}

TEST(SendRecordsJson, MalformedTextIsRefusedNotGuessed) {
  const char* unknown_result =
      R"([{"name":"x","result":"maybe","status":1,"errors":"","response_id":"","unhandled":false}])";
  const char* mistyped_fields =
      R"([{"name":"x","result":"fail","status":"500","errors":"","response_id":"","unhandled":0}])";
  for (const char* bad : {"", "{}", "[1]", "[{\"name\":\"x\"}]", "not json", unknown_result, mistyped_fields}) {
    EXPECT_THROW(parse_sends_json(bad), std::invalid_argument) << bad;
  }
}

// One finished send, kept with its note while its row is in flight (schema version 5).
TEST(SendRecordsJson, OneSendAloneIsTheSameObject) {
  const SendRecord send{"create", SendResult::fail, 422, "client.phones is invalid\n\"+380\"", "", true};
  EXPECT_EQ(parse_send_json(send_json(send)), send);
  EXPECT_EQ("[" + send_json(send) + "]", sends_json(std::vector<SendRecord>{send}));
  const char* unknown_result =
      R"({"name":"x","result":"maybe","status":1,"errors":"","response_id":"","unhandled":false})";
  for (const char* bad : {"", "[]", "not json", R"({"name":"x"})", unknown_result}) {
    EXPECT_THROW(parse_send_json(bad), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace flowc::runtime::state
