// The KeepinCRM stand-in over HTTP: auth, list/search/pages, get, update, create, seeding.
#include <gtest/gtest.h>

#include "tests/sandbox/sandbox_test_support.hpp"

namespace flowc::sandbox::testing {
namespace {

constexpr const char* kOrdersCsv =
    "id,title,total,client.person,status\n"
    "5,Chair x 2,300,Olena,new\n"
    "7,\"Table, oak\",1200.5,Petro,paid\n"
    "9,Lamp,0450,Ivan,new\n";

class KeepinCrmTest : public SandboxTest {
 protected:
  void SetUp() override {
    data_.write("keepincrm_orders.csv", kOrdersCsv);
    SandboxOptions options;
    options.data_dir = data_.path();
    start(options);
  }
  TempDir data_;
};

TEST_F(KeepinCrmTest, MissingTokenIs401WithErrorList) {
  auto res = client().Get("/keepincrm/v1/agreements");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  auto body = parse_json(res->body);
  EXPECT_STREQ(body["errors"][0].GetString(), "Invalid auth token");
  auto empty = client().Get("/keepincrm/v1/agreements", {{"X-Auth-Token", ""}});
  EXPECT_EQ(empty->status, 401);
}

TEST_F(KeepinCrmTest, ConfiguredTokenMustMatch) {
  SandboxOptions options;
  options.keepincrm_token = "right";
  start(options);
  EXPECT_EQ(client().Get("/keepincrm/v1/agreements", {{"X-Auth-Token", "wrong"}})->status, 401);
  EXPECT_EQ(client().Get("/keepincrm/v1/agreements", {{"X-Auth-Token", "right"}})->status, 200);
}

TEST_F(KeepinCrmTest, SeededOrdersAreListedWithNestingAndNumbers) {
  auto res = client().Get("/keepincrm/v1/agreements", kCrmAuth);
  ASSERT_EQ(res->status, 200);
  auto body = parse_json(res->body);
  ASSERT_EQ(body["items"].Size(), 3u);
  const auto& table = body["items"][1];
  EXPECT_EQ(table["id"].GetInt64(), 7);
  EXPECT_STREQ(table["title"].GetString(), "Table, oak");
  EXPECT_DOUBLE_EQ(table["total"].GetDouble(), 1200.5);
  EXPECT_STREQ(table["client"]["person"].GetString(), "Petro");
  // A leading zero keeps the cell text (it may be a phone or a code).
  EXPECT_STREQ(body["items"][2]["total"].GetString(), "0450");
  EXPECT_EQ(body["pagination"]["total_count"].GetInt(), 3);
  EXPECT_EQ(body["pagination"]["total_pages"].GetInt(), 1);
}

TEST_F(KeepinCrmTest, SearchByTitleAndOtherFields) {
  auto by_title = parse_json(client().Get("/keepincrm/v1/agreements?q%5Btitle_eq%5D=Lamp", kCrmAuth)->body);
  ASSERT_EQ(by_title["items"].Size(), 1u);
  EXPECT_EQ(by_title["items"][0]["id"].GetInt64(), 9);

  auto by_id = parse_json(client().Get("/keepincrm/v1/agreements?q[id_eq]=5", kCrmAuth)->body);
  ASSERT_EQ(by_id["items"].Size(), 1u);
  EXPECT_STREQ(by_id["items"][0]["title"].GetString(), "Chair x 2");

  auto by_status = parse_json(client().Get("/keepincrm/v1/agreements?q[status_eq]=new", kCrmAuth)->body);
  EXPECT_EQ(by_status["items"].Size(), 2u);
  auto combined =
      parse_json(client().Get("/keepincrm/v1/agreements?q[status_eq]=new&q[title_cont]=chair", kCrmAuth)->body);
  ASSERT_EQ(combined["items"].Size(), 1u);
  EXPECT_EQ(combined["items"][0]["id"].GetInt64(), 5);

  // Ransack names an association's field with an underscore: client.person is client_person.
  auto by_person = parse_json(client().Get("/keepincrm/v1/agreements?q[client_person_eq]=Petro", kCrmAuth)->body);
  ASSERT_EQ(by_person["items"].Size(), 1u);
  EXPECT_EQ(by_person["items"][0]["id"].GetInt64(), 7);

  auto none = parse_json(client().Get("/keepincrm/v1/agreements?q[title_eq]=Sofa", kCrmAuth)->body);
  EXPECT_EQ(none["items"].Size(), 0u);
  EXPECT_EQ(none["pagination"]["total_count"].GetInt(), 0);
}

TEST_F(KeepinCrmTest, Pagination) {
  auto page2 = parse_json(client().Get("/keepincrm/v1/agreements?per_page=2&page=2", kCrmAuth)->body);
  ASSERT_EQ(page2["items"].Size(), 1u);
  EXPECT_EQ(page2["items"][0]["id"].GetInt64(), 9);
  const auto& pagination = page2["pagination"];
  EXPECT_EQ(pagination["current_page"].GetInt(), 2);
  EXPECT_EQ(pagination["total_pages"].GetInt(), 2);
  EXPECT_EQ(pagination["total_count"].GetInt(), 3);
  EXPECT_EQ(pagination["per_page"].GetInt(), 2);
  EXPECT_TRUE(pagination["next_page"].IsNull());
  EXPECT_EQ(pagination["prev_page"].GetInt(), 1);
}

TEST_F(KeepinCrmTest, GetOneOr404) {
  auto found = client().Get("/keepincrm/v1/agreements/7", kCrmAuth);
  ASSERT_EQ(found->status, 200);
  EXPECT_STREQ(parse_json(found->body)["title"].GetString(), "Table, oak");
  auto missing = client().Get("/keepincrm/v1/agreements/999", kCrmAuth);
  EXPECT_EQ(missing->status, 404);
  EXPECT_TRUE(parse_json(missing->body)["message"].IsString());
  EXPECT_EQ(client().Get("/keepincrm/v1/agreements/abc", kCrmAuth)->status, 404);
}

TEST_F(KeepinCrmTest, PatchMergesFieldsAnd404sUnknown) {
  auto res = client().Patch(
      "/keepincrm/v1/agreements/5", kCrmAuth,
      R"({"total": 450, "comment": "synced", "client_attributes": {"phones": ["+380501112233"]}})", kJsonType);
  ASSERT_EQ(res->status, 200);
  auto updated = parse_json(res->body);
  EXPECT_EQ(updated["total"].GetInt(), 450);
  EXPECT_STREQ(updated["comment"].GetString(), "synced");
  EXPECT_STREQ(updated["title"].GetString(), "Chair x 2");  // untouched
  EXPECT_STREQ(updated["client"]["person"].GetString(), "Olena");
  EXPECT_STREQ(updated["client"]["phones"][0].GetString(), "+380501112233");
  EXPECT_TRUE(updated["updated_at"].IsString());
  EXPECT_NE(sandbox_->order_json(5)->find("synced"), std::string::npos);

  EXPECT_EQ(client().Patch("/keepincrm/v1/agreements/404", kCrmAuth, R"({"total":1})", kJsonType)->status, 404);
  EXPECT_EQ(client().Patch("/keepincrm/v1/agreements/5", kCrmAuth, "not json", kJsonType)->status, 400);
  auto blank = client().Patch("/keepincrm/v1/agreements/5", kCrmAuth, R"({"title":""})", kJsonType);
  EXPECT_EQ(blank->status, 422);
}

TEST_F(KeepinCrmTest, CreateAssignsNextIdAndStoresNestedAttributes) {
  auto res = client().Post("/keepincrm/v1/agreements", kCrmAuth, R"({
      "title": "Sofa x 1", "total": 9000,
      "client_attributes": {"person": "Maria", "company": "ACME", "email": "m@example.com", "phones": ["+380671234567"]},
      "jobs_attributes": [{"title": "Sofa", "amount": 1, "price": 9000}],
      "custom_fields": [{"name": "Delivery", "value": "Nova Poshta"}]})",
                           kJsonType);
  ASSERT_EQ(res->status, 201);
  auto order = parse_json(res->body);
  EXPECT_EQ(order["id"].GetInt64(), 10);  // after the highest seeded id, 9
  EXPECT_STREQ(order["client"]["company"].GetString(), "ACME");
  EXPECT_STREQ(order["client"]["phones"][0].GetString(), "+380671234567");
  EXPECT_TRUE(order["client_id"].IsInt64());
  EXPECT_STREQ(order["jobs"][0]["title"].GetString(), "Sofa");
  EXPECT_STREQ(order["custom_fields"][0]["value"].GetString(), "Nova Poshta");
  EXPECT_TRUE(order["created_at"].IsString());
  ASSERT_TRUE(sandbox_->order_json(10).has_value());

  auto wrapped =
      client().Post("/keepincrm/v1/agreements", kCrmAuth, R"({"agreement": {"title": "Wrapped"}})", kJsonType);
  EXPECT_EQ(parse_json(wrapped->body)["id"].GetInt64(), 11);
}

TEST_F(KeepinCrmTest, CreateWithoutTitleIs422) {
  for (const char* body : {R"({"total": 1})", R"({"title": "  "})"}) {
    auto res = client().Post("/keepincrm/v1/agreements", kCrmAuth, body, kJsonType);
    ASSERT_EQ(res->status, 422) << body;
    auto error = parse_json(res->body);
    EXPECT_STREQ(error["message"].GetString(), "Validation failed");
    EXPECT_STREQ(error["errors"]["title"][0].GetString(), "can't be blank");
  }
  EXPECT_EQ(client().Post("/keepincrm/v1/agreements", kCrmAuth, "[1,2]", kJsonType)->status, 400);
}

TEST_F(KeepinCrmTest, UnknownPathIsKeepinStyled404) {
  auto res = client().Get("/keepincrm/v1/nothing", kCrmAuth);
  EXPECT_EQ(res->status, 404);
  EXPECT_TRUE(parse_json(res->body)["message"].IsString());
}

TEST(KeepinCrmSeed, JsonSeedAndBadSeedData) {
  TempDir data;
  data.write("keepincrm_orders.json", R"({"items": [{"id": 41, "title": "A"}, {"title": "B"}]})");
  SandboxOptions options;
  options.data_dir = data.path();
  Sandbox sandbox(options);
  sandbox.start();
  auto orders = parse_json(sandbox.orders_json());
  ASSERT_EQ(orders.Size(), 2u);
  EXPECT_EQ(orders[1]["id"].GetInt64(), 42);

  TempDir duplicate;
  duplicate.write("keepincrm_orders.csv", "id,title\n1,A\n1,B\n");
  options.data_dir = duplicate.path();
  Sandbox broken(options);
  EXPECT_THROW(broken.start(), std::runtime_error);

  options.data_dir = data.path() / "missing";
  Sandbox missing(options);
  EXPECT_THROW(missing.start(), std::runtime_error);
}

}  // namespace
}  // namespace flowc::sandbox::testing
