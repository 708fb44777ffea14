// `flowc test` answers a declared outcome in the service's own wire shape: the connector's
// test_reply from the one list of connectors, or a plain JSON API's answer when it has none.
#include "tools/flowtest/service/wire_reply.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace flowc::flowtest {
namespace {

Outcome success(const char* fields_json) {
  auto fields = std::make_shared<rapidjson::Document>();
  fields->Parse(fields_json);
  Outcome outcome;
  outcome.fields = fields;
  return outcome;
}

Outcome failure(int status, const char* error) {
  Outcome outcome = success("{}");
  outcome.success = false;
  outcome.status = status;
  outcome.error = error;
  return outcome;
}

TEST(WireReply, KeepinCrmAnswersASearchWithAPage) {
  const WireReply search = wire_reply("keepincrm", "GET", success(R"({"title":"Chair"})"), 7);
  EXPECT_EQ(search.status, 200);
  EXPECT_EQ(search.body, R"({"items":[{"title":"Chair","id":7}],"pagination":{"total_count":1}})");
  const WireReply create = wire_reply("keepincrm", "POST", success(R"({"id":3})"), 8);
  EXPECT_EQ(create.status, 201);
  EXPECT_EQ(create.body, R"({"id":3})");
}

TEST(WireReply, TelegramWrapsEveryAnswer) {
  EXPECT_EQ(wire_reply("telegram", "POST", success("{}"), 4).body, R"({"ok":true,"result":{"message_id":4}})");
  const WireReply refused = wire_reply("telegram", "POST", failure(403, "Forbidden"), 5);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body, R"({"ok":false,"error_code":403,"description":"Forbidden"})");
}

TEST(WireReply, OtherServicesAnswerAsAPlainJsonApi) {
  EXPECT_EQ(wire_reply("http", "GET", success(R"({"a":1})"), 1).body, R"({"a":1})");
  const WireReply refused = wire_reply("http", "POST", failure(422, "bad"), 2);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body, R"({"message":"bad"})");
  EXPECT_EQ(wire_reply("keepincrm", "PATCH", failure(404, "gone"), 3).body, R"({"message":"gone"})");
}

}  // namespace
}  // namespace flowc::flowtest
