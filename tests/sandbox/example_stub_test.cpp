// The sandbox's stand-in for connectors it has no code for (tools/sandbox/stubs/example_stub.hpp):
// each request is matched to an action by method and path and answered from its examples.
#include "tools/sandbox/stubs/example_stub.hpp"

#include <gtest/gtest.h>

#include "tests/manifest/manifest_support.hpp"

namespace flowc::sandbox {
namespace {

using manifest_test::load_manifest;
using manifest_test::read_clean;

TEST(ExampleStub, AnActionsFirstSuccessExampleAnswersItsRequest) {
  const auto telegram = load_manifest("telegram");
  const StubResponse sent = example_answer(telegram, "POST", "/bot123:abc/sendMessage", {});
  EXPECT_EQ(sent.status, 200) << "the bot token's path segment is not part of the action's path";
  EXPECT_NE(sent.body.find(R"("message_id": 7)"), std::string::npos) << sent.body;
}

TEST(ExampleStub, ALookupsSearchFindsOneRecordInTheShapeItReads) {
  const auto crm = load_manifest("keepincrm");
  const StubResponse search = example_answer(crm, "GET", "/agreements", {{"q[title_eq]", "Chair"}});
  EXPECT_EQ(search.status, 200);
  EXPECT_EQ(search.body, R"({"items":[{"id":1}],"pagination":{"total_count":1}})");
  EXPECT_EQ(example_answer(crm, "PATCH", "/agreements/1", {}).status, 200);
  EXPECT_EQ(example_answer(crm, "POST", "/agreements", {}).status, 201) << "create_order's `created`";
}

TEST(ExampleStub, WhatNoActionDoesIsRefusedSayingSo) {
  const auto crm = load_manifest("keepincrm");
  const StubResponse unknown = example_answer(crm, "DELETE", "/agreements/1", {});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body,
            R"({"error":"no action of keepincrm is DELETE /agreements/1: the sandbox answers it from its manifest's examples"})");
  const auto bare = read_clean(R"(
connector bare {
  description = "No examples."
  base_url    = "https://bare.example"
  action ping { kind = send  description = "Ping."  request { method = POST  path = "ping" } }
}
)");
  const StubResponse none = example_answer(bare, "POST", "/ping", {});
  EXPECT_EQ(none.status, 501);
  EXPECT_NE(none.body.find("action ping has none"), std::string::npos) << none.body;
}

}  // namespace
}  // namespace flowc::sandbox
