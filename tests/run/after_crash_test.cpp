// Which sends the next run may simply repeat after a crash left them uncertain, per action and,
// for http.request, per method as written in the flow.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "ir/ir.hpp"
#include "runtime/interpreter/after_crash.hpp"
#include "tests/support/flow_fixture.hpp"

namespace flowc::testing {
namespace {

// Each send of the flow by name: whether it is resent after a crash.
std::map<std::string, bool> resend_by_send(const std::string& sends) {
  const ir::Flow flow = compile_or_fail(R"(flow "after crash"
account sheets = google_sheets { api_key = env.K }
account crm = keepincrm { api_key = env.K }
account bot = telegram { bot_token = env.T }
account api = http { base_url = "https://api.example.com" }
account out = csv { }
source row = sheets.new_rows { spreadsheet = "s"  sheet = "S" }
)" + sends);
  std::map<std::string, bool> out;
  ir::for_each_send(flow.steps, [&out](const ir::Send& send) { out[send.name] = runtime::resend_after_crash(send); });
  return out;
}

TEST(AfterCrash, UpdatesAreResentCreatesAndMessagesHeld) {
  const auto resend = resend_by_send(R"(
send update = crm.update_order { find_by = id  id = row.id  title = "t" }
send create = crm.create_order { title = "t" }
send alert = bot.send_message { chat_id = "1"  text = "x" }
send line = out.append_row { path = "out.csv"  columns.a = row.a }
if update.result == fail or create.result == fail or alert.result == fail or line.result == fail then
end
)");
  EXPECT_TRUE(resend.at("update"));
  EXPECT_FALSE(resend.at("create"));
  EXPECT_FALSE(resend.at("alert"));
  EXPECT_FALSE(resend.at("line"));
}

TEST(AfterCrash, HttpRequestsFollowTheirMethod) {
  const auto resend = resend_by_send(R"(
send get = api.request { url = "/a" }
send put = api.request { method = PUT  url = "/a"  body.x = 1 }
send delete = api.request { method = "DELETE"  url = "/a" }
send post = api.request { url = "/a"  body.x = 1 }
send raw = api.request { url = "/a"  raw_body = "x" }
send patch = api.request { method = PATCH  url = "/a"  body.x = 1 }
if get.result == fail or put.result == fail or delete.result == fail or post.result == fail then
end
if raw.result == fail or patch.result == fail then
end
)");
  EXPECT_TRUE(resend.at("get"));
  EXPECT_TRUE(resend.at("put"));
  EXPECT_TRUE(resend.at("delete"));
  EXPECT_FALSE(resend.at("post"));  // the default method with a body
  EXPECT_FALSE(resend.at("raw"));
  EXPECT_FALSE(resend.at("patch"));
}

}  // namespace
}  // namespace flowc::testing
