// Auth that fetches an access token (runtime/manifest_engine/auth/access_tokens.hpp): the OAuth 2
// client-credentials and refresh-token grants against a loopback token endpoint, for sends (the
// token request is the exchange's first step) and for sources (fetched before the first page).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>

#include "base/redactor.hpp"
#include "runtime/manifest_engine/auth/access_tokens.hpp"
#include "runtime/manifest_engine/manifest_send.hpp"
#include "runtime/manifest_engine/source/manifest_source.hpp"
#include "tests/connectors/test_support.hpp"
#include "tests/manifest/manifest_support.hpp"
#include "tests/support/recording_server.hpp"

namespace flowc::runtime::testing {
namespace {

using flowc::testing::ReceivedRequest;
using flowc::testing::Reply;
using manifest_test::read_clean;

// A CRM with both grants: an account with a refresh token uses the refresh grant, else the
// client's credentials. `client_auth` is filled in per test.
std::string crm_manifest(std::string_view client_auth) {
  return fmt::format(R"(
connector crm {{
  title       = "Tiny CRM"
  description = "OAuth 2 protected."
  base_url    = "https://crm.example"
  account {{
    field client_id     {{ type = string  description = "Client id." }}
    field client_secret {{ type = string  secret = true  description = "Client secret." }}
    field refresh_token {{ type = string  secret = true  description = "Refresh token." }}
    field token_url     {{ type = string  description = "Token endpoint." }}
  }}
  auth oauth2_refresh {{
    client_id       = client_id
    client_secret   = client_secret
    refresh_token   = refresh_token
    token_url       = "https://crm.example/oauth/token"
    token_url_field = token_url
    client_auth     = {0}
  }}
  auth oauth2_client_credentials {{
    client_id       = client_id
    client_secret   = client_secret
    token_url       = "https://crm.example/oauth/token"
    token_url_field = token_url
    scope           = "crm.write crm.read"
    client_auth     = {0}
  }}
  action add_lead {{
    kind        = send
    description = "Adds a lead."
    field name {{ type = string  required = true  description = "Name." }}
    request {{ method = POST  path = "leads"  body = json }}
    response {{ fields = ["id"] }}
  }}
  action new_leads {{
    kind        = source
    description = "Lists leads."
    request {{ method = GET  path = "leads" }}
    response {{ records = "leads" }}
  }}
}}
)",
                     client_auth);
}

class AccessTokens : public ::testing::Test {
 protected:
  void SetUp() override { manifest_engine::clear_access_tokens(); }
  void TearDown() override { manifest_engine::clear_access_tokens(); }

  // The token endpoint issues tok-1, tok-2, ... (and, with rotation on, a new refresh token each
  // time); the API answers 401 to any token but the newest.
  Reply answer(const ReceivedRequest& request) {
    if (request.path == "/oauth/token") {
      if (refuse_tokens) return Reply(400, R"({"error":"invalid_client","error_description":"Client authentication failed"})");
      const int issued = ++tokens_issued;
      std::string body = fmt::format(R"({{"access_token":"tok-{}","token_type":"Bearer","expires_in":3600)", issued);
      if (rotate) body += fmt::format(R"(,"refresh_token":"refresh-{}")", issued + 1);
      return Reply(200, body + "}");
    }
    if (request.header("Authorization") != fmt::format("Bearer tok-{}", tokens_issued.load()))
      return Reply(401, R"({"message":"token expired"})");
    if (request.method == "GET") return Reply(200, R"({"leads":[{"id":1,"name":"Ann"},{"id":2,"name":"Bob"}]})");
    return Reply(201, R"({"id":7})");
  }

  std::string account_json(const std::string& credentials) const {
    return R"({"base_url":")" + server.url() + R"(","token_url":")" + server.url() + R"(/oauth/token",)" +
           credentials + "}";
  }

  ExchangeRun add_lead(const manifest::ConnectorManifest& crm, const std::string& credentials) {
    auto action = manifest_engine::make_send_action(crm, "add_lead");
    TestAccount account(account_json(credentials), "crm");
    auto fields = json(R"({"name":"Ann"})");
    return run_exchange(*action, fields, account.config, http);
  }

  std::vector<ReceivedRequest> token_requests() const {
    std::vector<ReceivedRequest> found;
    for (const auto& request : server.requests())
      if (request.path == "/oauth/token") found.push_back(request);
    return found;
  }

  std::atomic<int> tokens_issued{0};
  bool refuse_tokens = false;
  bool rotate = false;
  flowc::testing::RecordingServer server{[this](const ReceivedRequest& request, std::size_t) { return answer(request); }};
  HttpClient http;
};

TEST_F(AccessTokens, ClientCredentialsFetchOneTokenThatLaterSendsReuse) {
  const auto crm = read_clean(crm_manifest("body"));
  const std::string credentials = R"("client_id":"app-1","client_secret":"s3cret-value")";
  ExchangeRun first = add_lead(crm, credentials);
  ASSERT_TRUE(first.outcome.success) << first.outcome.errors;
  ASSERT_EQ(first.requests.size(), 1u) << "the token is fetched before the exchange's request";
  ASSERT_EQ(token_requests().size(), 1u);
  EXPECT_EQ(token_requests()[0].body,
            "grant_type=client_credentials&scope=crm.write%20crm.read&client_id=app-1&client_secret=s3cret-value");
  EXPECT_EQ(server.requests().at(1).header("Authorization"), "Bearer tok-1");
  EXPECT_EQ(first.outcome.response["id"].GetInt(), 7);

  ExchangeRun second = add_lead(crm, credentials);
  EXPECT_TRUE(second.outcome.success);
  EXPECT_EQ(second.requests.size(), 1u) << "the cached token is used";
  EXPECT_EQ(token_requests().size(), 1u);
  EXPECT_EQ(redactor().redact("sent with tok-1"), "sent with [redacted]") << "a fetched token is masked in output";
}

TEST_F(AccessTokens, BasicClientAuthKeepsTheSecretOutOfTheForm) {
  const auto crm = read_clean(crm_manifest("basic"));
  ExchangeRun run = add_lead(crm, R"("client_id":"app-1","client_secret":"s3cret-value")");
  ASSERT_TRUE(run.outcome.success) << run.outcome.errors;
  const ReceivedRequest token = token_requests().at(0);
  EXPECT_EQ(token.header("Authorization"), "Basic YXBwLTE6czNjcmV0LXZhbHVl");  // app-1:s3cret-value, form-encoded
  EXPECT_EQ(token.body, "grant_type=client_credentials&scope=crm.write%20crm.read");
}

TEST_F(AccessTokens, ARefusedTokenRequestFailsTheSendWithTheServicesMessage) {
  refuse_tokens = true;
  const auto crm = read_clean(crm_manifest("body"));
  ExchangeRun run = add_lead(crm, R"("client_id":"app-1","client_secret":"wrong-secret")");
  EXPECT_FALSE(run.outcome.success);
  EXPECT_EQ(run.outcome.status, 400);
  EXPECT_EQ(run.outcome.errors,
            "Tiny CRM could not get an access token for account \"acct\" (HTTP 400): Client authentication failed");
  EXPECT_EQ(server.requests().size(), 1u) << "nothing reaches the API without a token";
}

TEST_F(AccessTokens, TheRefreshGrantUsesTheRotatedTokenAfterARefusedOne) {
  rotate = true;
  const auto crm = read_clean(crm_manifest("body"));
  const std::string credentials = R"("client_id":"app-1","client_secret":"s3cret-value","refresh_token":"refresh-1")";
  ASSERT_TRUE(add_lead(crm, credentials).outcome.success);
  EXPECT_EQ(token_requests().at(0).body,
            "grant_type=refresh_token&refresh_token=refresh-1&client_id=app-1&client_secret=s3cret-value");

  ++tokens_issued;  // the service revokes tok-1 early: the API now refuses it
  ExchangeRun refused = add_lead(crm, credentials);
  EXPECT_FALSE(refused.outcome.success);
  EXPECT_EQ(refused.outcome.status, 401);
  ExchangeRun next = add_lead(crm, credentials);
  ASSERT_TRUE(next.outcome.success) << next.outcome.errors;
  ASSERT_EQ(token_requests().size(), 2u) << "the refused token was dropped and a new one fetched";
  EXPECT_NE(token_requests().at(1).body.find("refresh_token=refresh-2&"), std::string::npos)
      << "the refresh token the service rotated in replaces the account's: " << token_requests().at(1).body;
}

TEST_F(AccessTokens, ASourceFetchesItsTokenBeforeTheFirstPage) {
  const auto crm = read_clean(crm_manifest("body"));
  auto source_action = manifest_engine::make_source_action(crm, "new_leads");
  ASSERT_NE(source_action, nullptr);
  TestAccount account(account_json(R"("client_id":"app-1","client_secret":"s3cret-value")"), "crm");
  auto fields = json("{}");
  auto source = source_action->open(fields, account.config, http);
  std::vector<std::string> names;
  while (auto row = source->next()) names.push_back(row->cells.at(1));
  EXPECT_EQ(names, (std::vector<std::string>{"Ann", "Bob"}));
  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.requests()[1].header("Authorization"), "Bearer tok-1");

  refuse_tokens = true;
  manifest_engine::clear_access_tokens();
  try {
    source_action->open(fields, account.config, http)->next();
    FAIL() << "a source without a token read on";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(),
                 "Tiny CRM could not get an access token for account \"acct\" (HTTP 400): Client authentication failed");
  }
}

}  // namespace
}  // namespace flowc::runtime::testing
