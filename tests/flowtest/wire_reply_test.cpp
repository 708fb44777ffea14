// `flowc test` answers a declared outcome in the service's own wire shape, read from the
// connector's manifest (its examples, its response paths, its lookup).
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

ir::Send send_of(const char* connector, const char* action = "") {
  ir::Send send;
  send.name = "s";
  send.connector = connector;
  send.action = action;
  return send;
}

Outcome example(const char* name) {
  Outcome outcome = success("{}");
  outcome.example = name;
  return outcome;
}

Outcome failure(int status, const char* error) {
  Outcome outcome = success("{}");
  outcome.success = false;
  outcome.status = status;
  outcome.error = error;
  return outcome;
}

TEST(WireReply, KeepinCrmSearchFindsTheDeclaredRecordAndTheActionAnswersInItsShape) {
  const ir::Send update = send_of("keepincrm", "update_order");
  const WireReply search = wire_reply(update, "GET", success(R"({"title":"Chair"})"), 7);
  EXPECT_EQ(search.status, 200);
  EXPECT_EQ(search.body, R"({"items":[{"title":"Chair","id":7}],"pagination":{"total_count":1}})");
  const WireReply patched = wire_reply(update, "PATCH", success(R"({"id":3})"), 8);
  EXPECT_EQ(patched.status, 200);
  EXPECT_EQ(patched.body, R"({"id":3,"title":"Big order","total":59.97})") << "the `updated` example, id declared";
  EXPECT_EQ(wire_reply(send_of("keepincrm", "create_order"), "POST", success("{}"), 9).status, 201)
      << "the `created` example's status";
  const WireReply gone = wire_reply(update, "PATCH", failure(404, "gone"), 10);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body, R"({"message":"gone"})");
  EXPECT_EQ(wire_reply(send_of("keepincrm", "create_order"), "POST", failure(422, "bad phone"), 11).body,
            R"({"message":"bad phone"})")
      << "the `invalid_phone` example keeps its text where the standard rule would not find it alone";
}

TEST(WireReply, TelegramFieldsGoWhereTheManifestReadsThem) {
  const ir::Send message = send_of("telegram", "send_message");
  EXPECT_EQ(wire_reply(message, "POST", success(R"({"message_id":4})"), 4).body,
            R"({"ok":true,"result":{"message_id":4,"chat":{"id":-100123},"date":1765000000}})");
  const WireReply refused = wire_reply(message, "POST", failure(403, "Forbidden"), 5);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body, R"({"ok":false,"error_code":403,"description":"Forbidden"})");
}

TEST(WireReply, TheHttpConnectorAnswersAsAPlainJsonApi) {
  const ir::Send request = send_of("http", "request");
  EXPECT_EQ(wire_reply(request, "GET", success(R"({"a":1})"), 1).body.find(R"("a":1)") != std::string::npos, true);
  const WireReply refused = wire_reply(request, "POST", failure(422, "bad"), 2);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find(R"("bad")"), std::string::npos) << refused.body;
}

TEST(WireReply, ANamedExampleIsAnsweredAsTheManifestWritesIt) {
  const WireReply flood = wire_reply(send_of("telegram", "send_message"), "POST", example("flood"), 1);
  EXPECT_EQ(flood.status, 429);
  EXPECT_NE(flood.body.find(R"("retry_after")"), std::string::npos) << flood.body;
  // update_order searches (GET) before it acts: the search finds the order, the PATCH gets the example.
  const ir::Send update = send_of("keepincrm", "update_order");
  EXPECT_EQ(wire_reply(update, "GET", example("not_found"), 2).status, 200);
  EXPECT_EQ(wire_reply(update, "PATCH", example("not_found"), 3).status, 404);
}

TEST(WireReply, AnExampleTheActionLacksIsAFileErrorNamingThoseItHas) {
  try {
    named_example(send_of("telegram", "send_message"), example("gone"), "t.flowtest: outcomes.s");
    FAIL() << "an unknown example was taken";
  } catch (const SpecError& error) {
    EXPECT_STREQ(error.what(),
                 "t.flowtest: outcomes.s: telegram.send_message has no example \"gone\" (its examples: sent, "
                 "chat_not_found, flood)");
  }
  EXPECT_EQ(named_example(send_of("telegram", "send_message"), success("{}"), "x"), nullptr);
}

}  // namespace
}  // namespace flowc::flowtest
