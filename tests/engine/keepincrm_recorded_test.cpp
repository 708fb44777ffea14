// KeepinCRM's update_order and create_order: the hand-written actions and the manifest engine send
// the same bytes and yield the same outcomes.
#include <gtest/gtest.h>

#include "tests/engine/recorded_sends.hpp"

namespace flowc::runtime::testing {
namespace {

using flowc::testing::ReceivedRequest;
using flowc::testing::Reply;

Reply html(std::string text) {
  Reply reply(200, std::move(text));
  reply.content_type = "text/html";
  return reply;
}

// Orders 1..999 exist; a search by title answers by the title searched.
Reply keepin_service(const ReceivedRequest& request, std::size_t count) {
  if (request.method == "PATCH") {
    const std::string id = request.path.substr(request.path.rfind('/') + 1);
    if (id == "404") return Reply(404, R"({"message":"Record not found"})");
    if (id == "200") return html("<html>Proxy login</html>");
    if (id == "500") return Reply(500, R"({"error":{"message":"database is down"}})");
    return Reply(200, R"({"id":)" + id + R"(,"title":"updated","total":59.97})");
  }
  if (request.method == "GET") {
    auto title = request.params.find("q[title_eq]");
    const std::string searched = title == request.params.end() ? "" : title->second;
    if (searched == "Unique") return Reply(200, R"({"items":[{"id":31}],"pagination":{"total_count":1}})");
    if (searched == "Twice") return Reply(200, R"({"items":[{"id":41},{"id":42}],"pagination":{"total_count":2}})");
    if (searched == "Paged") return Reply(200, R"({"items":[{"id":51}],"pagination":{"total":7}})");
    if (searched == "Listed") return Reply(200, R"([{"id":61}])");
    if (searched == "Gone") return Reply(200, R"({"items":[{"id":404}]})");
    if (searched == "NoId") return Reply(200, R"({"items":[{"name":"x"}]})");
    if (searched == "NoItems") return Reply(200, R"({"orders":[]})");
    if (searched == "Proxied") return html("<html><body>Proxy login</body></html>");
    if (searched == "Broken") return Reply(503, R"({"message":"maintenance"})");
    if (searched == "Missing") return Reply(404, R"({"message":"no such list"})");
    return Reply(200, R"({"items":[],"pagination":{"total_count":0}})");
  }
  if (request.body.find("\"title\"") == std::string::npos)
    return Reply(422, R"({"message":"Validation failed","errors":{"title":["can't be blank"],"total":["must be a number"]}})");
  if (request.body.find("Busy") != std::string::npos && count == 0) return Reply(429, R"({"message":"slow down"})");
  return Reply(201, R"({"id":555,"title":"created","created_at":"2026-12-07"})");
}

constexpr const char* kAccount = R"({"api_key":"crm-key","base_url":"{URL}/v1"})";

class KeepinRecorded : public ::testing::Test {
 protected:
  Side update(const std::string& fields, const std::string& account = kAccount) {
    return both.expect_recorded("update_order", fields, account);
  }
  Side create(const std::string& fields, const std::string& account = kAccount) {
    return both.expect_recorded("create_order", fields, account);
  }
  RecordedSends both{"keepincrm", keepin_service};
};

TEST_F(KeepinRecorded, UpdateByIdWithEveryKindOfField) {
  Side side = update(R"({"find_by":"id", "id":"77", "title":"Lamp x 2", "total":199.5, "currency":"UAH",
      "client":{"person":"Ivan","phones":"+380501112233","email":"i@example.com"},
      "jobs":[{"title":"Lamp","amount":2,"price":99.75}], "stage_id":3,
      "custom_fields":{"Color":"red","Size":"L"}, "comment":"ąčę \"quoted\"\n"})");
  ASSERT_EQ(side.received.size(), 1u);
  EXPECT_EQ(side.received[0].target, "/v1/agreements/77");
  EXPECT_TRUE(side.outcome.success);
}

TEST_F(KeepinRecorded, UpdateByIdEncodesTheIdAndReadsFailures) {
  update(R"({"find_by":"id", "id":"a/b c", "title":"x"})");
  update(R"({"find_by":"id", "id":404, "title":"x"})");
  update(R"({"find_by":"id", "id":200, "title":"x"})");
  update(R"({"find_by":"id", "id":500, "title":"x"})");
  update(R"({"find_by":"id", "id":"", "title":"x"})");
  update(R"({"title":"x"})");
}

TEST_F(KeepinRecorded, UpdateByAFieldWithOneMatch) {
  Side side = update(R"({"find_by":"title", "title":"Unique", "total":10})");
  ASSERT_EQ(side.received.size(), 2u);
  EXPECT_EQ(side.received[0].target, "/v1/agreements?q%5Btitle_eq%5D=Unique");
  EXPECT_EQ(side.received[1].target, "/v1/agreements/31");
  update(R"({"find_by":"title", "title":"Listed"})");
  update(R"({"find_by":"title", "title":"Gone"})");
}

TEST_F(KeepinRecorded, UpdateByAFieldWithNoMatch) {
  Side side = update(R"({"find_by":"title", "title":"Nothing like it"})");
  EXPECT_EQ(side.outcome.errors, "no order with title = \"Nothing like it\"");
  update(R"({"find_by":"client.person", "client":{"person":"Ivan"}})");
  update(R"({"find_by":"total", "total":12.5})");
}

TEST_F(KeepinRecorded, UpdateByAFieldWithManyMatches) {
  Side side = update(R"({"find_by":"title", "title":"Twice"})");
  EXPECT_EQ(side.outcome.errors, "2 orders with title = \"Twice\"; set on_many = first to update the first one");
  update(R"({"find_by":"title", "title":"Twice", "on_many":"fail"})");
  Side first = update(R"({"find_by":"title", "title":"Twice", "on_many":"first", "total":1})");
  EXPECT_EQ(first.received.back().target, "/v1/agreements/41");
  update(R"({"find_by":"title", "title":"Paged"})");
  update(R"({"find_by":"title", "title":"Paged", "on_many":"first"})");
}

TEST_F(KeepinRecorded, UpdateWhenTheSearchAnswersBadly) {
  for (const char* title : {"NoId", "NoItems", "Proxied", "Broken", "Missing"})
    update(std::string(R"({"find_by":"title", "title":")") + title + "\"}");
}

TEST_F(KeepinRecorded, UpdateWithoutAnApiKey) {
  update(R"({"find_by":"id", "id":"7"})", R"({"base_url":"{URL}/v1"})");
}

TEST_F(KeepinRecorded, CreateOrder) {
  Side side = create(R"({"title":"Big order", "total":59.97, "client":{"company":"ACME","phones":["1","2"]},
      "jobs":{"title":"one"}, "custom_fields":{"Color":"red"}})");
  EXPECT_EQ(side.outcome.status, 201);
  create(R"({"total":5})");
  create(R"({})");
  create(R"({"title":"Busy"})");
  create(R"({"title":"x"})", R"({"api_key":"crm-key","base_url":"{URL}/v1/"})");
  create(R"({"title":"x"})", R"({"api_key":"","base_url":"{URL}/v1"})");
}

}  // namespace
}  // namespace flowc::runtime::testing
