// Shapes today's four connectors do not use but the format promises (docs/connector-format.md):
// the APIs that report failure inside HTTP 200, OAuth 2, basic auth, pagination kinds and the
// incremental cursor. Each manifest is written here and read as a user's would be.
#include <gtest/gtest.h>

#include "compiler/manifest/manifest_reader.hpp"
#include "tests/manifest/manifest_support.hpp"

namespace flowc {
namespace {

using namespace manifest;

using manifest_test::read_clean;

TEST(ManifestShapes, FailureInsideHttp200AndOAuthRefresh) {
  const ConnectorManifest bitrix = read_clean(R"(
connector crm24 {
  description = "A CRM that answers 200 with {error, error_description}."
  base_url    = "https://example.bitrix24.ua/rest"
  account {
    field client_id     { type = string  description = "OAuth client id." }
    field client_secret { type = string  secret = true  description = "OAuth client secret." }
    field refresh_token { type = string  secret = true  description = "OAuth refresh token." }
  }
  auth oauth2_refresh {
    client_id     = client_id
    client_secret = client_secret
    refresh_token = refresh_token
    token_url     = "https://oauth.bitrix.info/oauth/token/"
  }
  action add_deal {
    kind        = send
    description = "Adds a deal."
    field title { type = string  required = true  description = "Deal title."  to = "fields.TITLE" }
    request { method = POST  path = "crm.deal.add"  body = json }
    response {
      success { absent = "error" }
      error   = ["error_description", "error"]
      fields { id = "result" }
    }
    example duplicate { body = """{"error": "ERROR_CORE", "error_description": "Duplicate"}""" }
  }
}
)");
  ASSERT_EQ(bitrix.auth.size(), 1u);
  EXPECT_EQ(bitrix.auth[0].kind, AuthKind::OAuth2Refresh);
  EXPECT_EQ(bitrix.auth[0].refresh_token, "refresh_token");
  EXPECT_EQ(bitrix.auth[0].password, "client_secret");
  ASSERT_EQ(bitrix.actions.size(), 1u);
  const ResponseRules& response = bitrix.actions[0].response;
  EXPECT_EQ(response.success.absent, (std::vector<std::string>{"error"}));
  EXPECT_EQ(response.error_paths, (std::vector<std::string>{"error_description", "error"}));
  EXPECT_EQ(bitrix.spec.actions[0].response_fields, (std::vector<std::string>{"id"}));
  EXPECT_EQ(bitrix.actions[0].routes[0].to, "fields.TITLE");
}

TEST(ManifestShapes, SuccessFlagWithErrorListAndBasicAuth) {
  const ConnectorManifest np = read_clean(R"(
connector delivery {
  description = "A delivery service: {success: false, errors: [...]} inside HTTP 200."
  base_url    = "https://api.example.com/v2.0/json/"
  account {
    field user     { type = string  required = true  description = "User." }
    field password { type = string  required = true  secret = true  description = "Password." }
  }
  auth basic { username = user  password = password }
  action track {
    kind        = send
    description = "Tracks a parcel."
    after_crash = resend
    field number { type = string  required = true  description = "Parcel number."  to = "methodProperties.Documents" }
    request { method = POST  path = "/"  body = json }
    response {
      success { body.success = true }
      error = "errors"
    }
  }
}
)");
  ASSERT_EQ(np.actions.size(), 1u);
  const SuccessRule& success = np.actions[0].response.success;
  ASSERT_EQ(success.equals.size(), 1u);
  EXPECT_EQ(success.equals[0].path, "success");
  EXPECT_EQ(success.equals[0].value, "true");
  EXPECT_EQ(np.auth[0].kind, AuthKind::Basic);
  EXPECT_EQ(np.spec.actions[0].after_crash, catalog::AfterCrash::Resend);
}

TEST(ManifestShapes, PagedSourceWithAnIncrementalCursor) {
  const ConnectorManifest shop = read_clean(R"(
connector shop {
  description = "A shop whose orders are listed page by page."
  base_url    = "https://shop.example.com/api"
  account {
    field token { type = string  required = true  secret = true  description = "API token." }
  }
  auth bearer { token = token }
  headers { X-Shop = "{{account.token}}" }
  retry { statuses = [429, 503]  after_header = "X-Retry-In" }
  action new_orders {
    kind        = source
    description = "Orders created since the last poll."
    field status { type = enum  choices = [new, paid]  description = "Only orders in this status." }
    request { method = GET  path = "orders" }
    pagination cursor {
      param  = "after"
      cursor = "meta.next"
      stop { total = "meta.total" }
    }
    cursor { field = "updated_at"  param = "updated_since" }
    response { records = "data" }
  }
}
)");
  ASSERT_EQ(shop.actions.size(), 1u);
  const ActionManifest& orders = shop.actions[0];
  // Its own field, then the runner's `key` and `changed`, which every source takes.
  ASSERT_EQ(orders.routes.size(), 3u);
  EXPECT_EQ(orders.routes[0].in, Placement::Query) << "a source's fields go in the query unless said otherwise";
  EXPECT_EQ(orders.routes[1].field, "key");
  EXPECT_EQ(orders.routes[1].in, Placement::None);
  EXPECT_EQ(orders.routes[2].field, "changed");
  ASSERT_TRUE(orders.pagination);
  EXPECT_EQ(orders.pagination->kind, PaginationKind::Cursor);
  EXPECT_EQ(orders.pagination->cursor_path, "meta.next");
  EXPECT_EQ(orders.pagination->stop.total_path, "meta.total");
  ASSERT_TRUE(orders.cursor);
  EXPECT_EQ(orders.cursor->record_field, "updated_at");
  EXPECT_EQ(orders.cursor->param, "updated_since");
  EXPECT_EQ(orders.response.records, "data");
  EXPECT_EQ(shop.retry.statuses, (std::vector<StatusRange>{{429, 429}, {503, 503}}));
  EXPECT_EQ(shop.retry.after_header, "X-Retry-In");
  EXPECT_EQ(shop.headers[0].value.written(), "{{account.token}}");
}

TEST(ManifestShapes, HeaderTemplatesMayUseOnlyAccountFields) {
  const ManifestResult result = read_manifest("test.connector", R"(
connector demo {
  description = "Demo."
  base_url    = "https://x.example.com"
  headers { X-Row = "{{text}}" }
  action ping { kind = send  description = "Pings."  request { method = GET  path = "ping" } }
}
)");
  ASSERT_EQ(result.diagnostics.items().size(), 1u);
  EXPECT_EQ(result.diagnostics.items()[0].code, "M015");
  EXPECT_EQ(result.diagnostics.items()[0].span.line, 5u);
}

// `rate_limit = 2/s` at the connector: the service's documented limit, shown as the account
// field's default; anything but a rate is refused.
TEST(ManifestShapes, TheDocumentedRateLimitIsTheAccountsDefault) {
  const ConnectorManifest limited = read_clean(R"(
connector portal {
  description = "Two requests a second."
  base_url    = "https://portal.example.com"
  rate_limit  = 2/s
  action ping { kind = send  description = "Pings."  request { method = GET  path = "ping" } }
}
)");
  ASSERT_TRUE(limited.rate_limit.has_value());
  EXPECT_EQ(limited.rate_limit->count, 2);
  EXPECT_EQ(limited.rate_limit->millis, 1000);
  const catalog::FieldSpec* field = catalog::find_field(limited.spec.account_fields, "rate_limit");
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->description, "At most this many requests per period (default 2/s, the service's documented limit).");

  const ManifestResult wrong = read_manifest("test.connector", R"(
connector portal {
  description = "Not a rate."
  base_url    = "https://portal.example.com"
  rate_limit  = "fast"
  action ping { kind = send  description = "Pings."  request { method = GET  path = "ping" } }
}
)");
  ASSERT_EQ(wrong.diagnostics.items().size(), 1u);
  EXPECT_EQ(wrong.diagnostics.items()[0].code, "M012");
  EXPECT_EQ(wrong.diagnostics.items()[0].span.line, 5u);
}

}  // namespace
}  // namespace flowc
