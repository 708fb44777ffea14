// http.request: the hand-written action and the manifest engine send the same method, URL,
// headers (in order) and body, and read the answer alike.
#include <gtest/gtest.h>

#include "tests/engine/recorded_sends.hpp"

namespace flowc::runtime::testing {
namespace {

using flowc::testing::ReceivedRequest;
using flowc::testing::Reply;

Reply any_service(const ReceivedRequest& request, std::size_t) {
  if (request.path == "/text") {
    Reply reply(200, "plain words");
    reply.content_type = "text/plain";
    return reply;
  }
  if (request.path == "/empty") return Reply(204, "");
  if (request.path == "/fail") return Reply(500, R"({"message":"boom","errors":["disk full"]})");
  if (request.path == "/missing") return Reply(404, "<html>no</html>");
  return Reply(200, R"({"method":")" + request.method + R"(","size":)" + std::to_string(request.body.size()) + "}");
}

constexpr const char* kAccount = R"({"base_url":"{URL}"})";
constexpr const char* kBearer = R"({"base_url":"{URL}","bearer_token":"tok-1","headers":{"X-Team":"ops","Accept":"text/plain"}})";

class HttpRecorded : public ::testing::Test {
 protected:
  Side request(std::string fields, const std::string& account = kAccount) {
    for (auto at = fields.find("{URL}"); at != std::string::npos; at = fields.find("{URL}"))
      fields.replace(at, 5, both.url());
    return both.expect_recorded("request", fields, account);
  }
  RecordedSends both{"http", any_service};
};

TEST_F(HttpRecorded, Methods) {
  Side get = request(R"({"url":"/things?x=1"})");
  EXPECT_EQ(get.received.at(0).method, "GET");
  request(R"({"url":"/things","body":{"a":1,"b":{"c":[1,2]}}})");
  request(R"({"url":"/things","method":"put","body":{"a":1}})");
  request(R"({"url":"/things/1","method":"DELETE"})");
  request(R"({"url":"/things/1","method":"PATCH","raw_body":"a=1&b=2","content_type":"application/x-www-form-urlencoded"})");
  request(R"({"url":"{URL}/absolute","method":"POST","raw_body":"plain"})");
}

TEST_F(HttpRecorded, HeadersAndBearer) {
  request(R"({"url":"/h","headers":{"X-Request-Id":"r-1","Accept":"application/xml"}})", kBearer);
  request(R"({"url":"/h","body":{"k":"v"},"headers":{"x-team":"dev"}})", kBearer);
  request(R"({"url":"/h","headers":{"X-Count":3}})");
  request(R"({"url":"/h","headers":{"Bad":"a\r\nInjected: 1"}})");
}

TEST_F(HttpRecorded, AnswersAreReadAlike) {
  request(R"({"url":"/text"})");
  request(R"({"url":"/text","expect":"json"})");
  request(R"({"url":"/empty","method":"POST","body":{"a":1}})");
  request(R"({"url":"/fail"})");
  request(R"({"url":"/missing"})");
  request(R"({"url":"/things","body":{"a":1},"raw_body":"both"})");
  request(R"({"url":"relative"})", "{}");
}

}  // namespace
}  // namespace flowc::runtime::testing
