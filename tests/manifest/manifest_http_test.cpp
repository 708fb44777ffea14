// What each manifest says about the HTTP exchange: the parts the engine will perform, checked
// against what the hand-written connectors do today (connectors/<service>/*.cpp).
#include <gtest/gtest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/manifest_grammar.hpp"
#include "manifest_support.hpp"

namespace flowc {
namespace {

using manifest_test::load_manifest;
using namespace manifest;

const FieldRoute& route(const std::vector<FieldRoute>& routes, std::string_view field) {
  for (const FieldRoute& candidate : routes) {
    if (candidate.field == field) return candidate;
  }
  static const FieldRoute kNone;
  ADD_FAILURE() << "no route for " << field;
  return kNone;
}

TEST(ManifestGrammar, HasNoLoopsThatConsumeNothing) {
  EXPECT_EQ(tao::pegtl::analyze<grammar::manifest::file>(), 0u);
}

TEST(KeepincrmManifest, HeaderKeyAndJsonHeadersInThatOrder) {
  const ConnectorManifest keepin = load_manifest("keepincrm");
  EXPECT_EQ(keepin.base_url, "https://api.keepincrm.com/v1");
  ASSERT_EQ(keepin.auth.size(), 1u);
  EXPECT_EQ(keepin.auth[0].kind, AuthKind::Header);
  EXPECT_EQ(keepin.auth[0].name, "X-Auth-Token");
  EXPECT_EQ(keepin.auth[0].value, "api_key");
  ASSERT_EQ(keepin.headers.size(), 2u);
  EXPECT_EQ(keepin.headers[0].name, "Accept");
  EXPECT_EQ(keepin.headers[1].name, "Content-Type");
  EXPECT_EQ(keepin.headers[1].value.written(), "application/json");
  EXPECT_EQ(keepin.header_order,
            (std::vector<HeaderSource>{HeaderSource::AccountFields, HeaderSource::Auth, HeaderSource::Static}));
}

TEST(KeepincrmManifest, UpdateLooksUpThenPatches) {
  const ConnectorManifest keepin = load_manifest("keepincrm");
  const ActionManifest* update = keepin.find_action("update_order");
  ASSERT_NE(update, nullptr);
  ASSERT_TRUE(update->lookup);
  EXPECT_EQ(update->lookup->by_field, "find_by");
  EXPECT_EQ(update->lookup->direct, "id");
  EXPECT_EQ(update->lookup->path.written(), "agreements");
  EXPECT_EQ(update->lookup->param.written(), "q[{{find_by | replace(\".\", \"_\")}}_eq]");
  EXPECT_EQ(update->lookup->records, "items");
  EXPECT_EQ(update->lookup->total,
            (std::vector<std::string>{"pagination.total_count", "pagination.total", "pagination.count"}));
  EXPECT_EQ(update->lookup->many_field, "on_many");
  EXPECT_EQ(update->request.method, "PATCH");
  EXPECT_EQ(update->request.path.written(), "agreements/{{found.id}}");
  EXPECT_EQ(update->request.body, BodyKind::Json);
  EXPECT_TRUE(update->request.body_order.empty()) << "the body follows the flow's order";
  EXPECT_EQ(update->response.not_found_statuses, (std::vector<StatusRange>{{404, 404}}));
  EXPECT_EQ(route(update->routes, "find_by").in, Placement::None);
  EXPECT_EQ(route(update->routes, "find_by").default_value, "\"id\"");
  EXPECT_EQ(route(update->routes, "title").in, Placement::Body);
}

TEST(KeepincrmManifest, OrderFieldsRenamedAsTheApiWantsThem) {
  const ConnectorManifest keepin = load_manifest("keepincrm");
  const ActionManifest* create = keepin.find_action("create_order");
  ASSERT_NE(create, nullptr);
  EXPECT_FALSE(create->lookup);
  EXPECT_EQ(create->request.method, "POST");
  EXPECT_EQ(create->request.path.written(), "agreements");
  EXPECT_EQ(route(create->routes, "client.phones").to, "client_attributes.phones");
  EXPECT_EQ(route(create->routes, "jobs").to, "jobs_attributes");
  EXPECT_EQ(route(create->routes, "custom_fields.*").shape, FieldShape::NameValue);
  EXPECT_EQ(create->response.json, JsonNeed::Required);
  EXPECT_EQ(create->response.success.statuses, (std::vector<StatusRange>{{200, 299}}));
  ASSERT_EQ(create->examples.size(), 2u);
  EXPECT_EQ(create->examples[1].name, "invalid_phone");
  EXPECT_EQ(create->examples[1].status, 422);
}

TEST(TelegramManifest, TokenInPathAndOkInsideTheBody) {
  const ConnectorManifest telegram = load_manifest("telegram");
  ASSERT_EQ(telegram.auth.size(), 1u);
  EXPECT_EQ(telegram.auth[0].kind, AuthKind::PathToken);
  EXPECT_EQ(telegram.auth[0].value, "bot_token");
  EXPECT_EQ(telegram.auth[0].prefix, "bot");
  EXPECT_EQ(telegram.retry.after_paths, (std::vector<std::string>{"parameters.retry_after", "retry_after"}));
  const ActionManifest* send = telegram.find_action("send_message");
  ASSERT_NE(send, nullptr);
  EXPECT_EQ(send->request.method, "POST");
  EXPECT_EQ(send->request.path.written(), "sendMessage");
  EXPECT_EQ(send->request.body_order,
            (std::vector<std::string>{"chat_id", "parse_mode", "disable_preview", "text"}));
  EXPECT_EQ(route(send->routes, "disable_preview").to, "disable_web_page_preview");
  EXPECT_EQ(route(send->routes, "long_text").in, Placement::None);
  ASSERT_TRUE(send->split);
  EXPECT_EQ(send->split->limit, 4096);
  EXPECT_EQ(send->split->unit, "utf16");
  EXPECT_EQ(send->split->mode_field, "long_text");
  const SuccessRule& success = send->response.success;
  ASSERT_EQ(success.equals.size(), 1u);
  EXPECT_EQ(success.equals[0].path, "ok");
  EXPECT_EQ(success.equals[0].value, "true");
  EXPECT_EQ(success.present, (std::vector<std::string>{"result.message_id"}));
  EXPECT_EQ(send->response.status_path, "error_code");
  ASSERT_EQ(send->response.fields.size(), 3u);
  EXPECT_EQ(send->response.fields[1].name, "chat_id");
  EXPECT_EQ(send->response.fields[1].path, "result.chat.id");
  EXPECT_EQ(send->examples.size(), 3u);
}

TEST(GoogleSheetsManifest, ThreeWaysToAuthenticateInOrder) {
  const ConnectorManifest sheets = load_manifest("google_sheets");
  EXPECT_EQ(sheets.base_url, "https://sheets.googleapis.com");
  EXPECT_EQ(sheets.base_path, "/v4");
  ASSERT_EQ(sheets.auth.size(), 3u);
  EXPECT_EQ(sheets.auth[0].kind, AuthKind::GoogleServiceAccount);
  EXPECT_EQ(sheets.auth[0].value, "service_account_file");
  EXPECT_EQ(sheets.auth[0].token_url_field, "token_url");
  EXPECT_EQ(sheets.auth[0].scope, "https://www.googleapis.com/auth/spreadsheets");  // reads and appends
  EXPECT_EQ(sheets.auth[1].kind, AuthKind::Bearer);
  EXPECT_EQ(sheets.auth[2].kind, AuthKind::Query);
  EXPECT_EQ(sheets.auth[2].name, "key");
  EXPECT_EQ(sheets.header_order,
            (std::vector<HeaderSource>{HeaderSource::AccountFields, HeaderSource::Static, HeaderSource::Auth}));
}

TEST(GoogleSheetsManifest, RowWindowsUntilAShortOneOrThePastTheGridError) {
  const ConnectorManifest sheets = load_manifest("google_sheets");
  const ActionManifest* rows = sheets.find_action("new_rows");
  ASSERT_NE(rows, nullptr);
  EXPECT_EQ(rows->request.method, "GET");
  EXPECT_EQ(rows->request.path.written(), "spreadsheets/{{spreadsheet}}/values/{{page.range}}");
  ASSERT_EQ(rows->request.query.size(), 1u);
  EXPECT_EQ(rows->request.query[0].name.written(), "majorDimension");
  EXPECT_EQ(rows->request.query[0].value.written(), "ROWS");
  ASSERT_TRUE(rows->pagination);
  EXPECT_EQ(rows->pagination->kind, PaginationKind::RowWindow);
  EXPECT_EQ(rows->pagination->size, 1000);
  EXPECT_EQ(rows->pagination->size_field, "chunk_rows");
  EXPECT_EQ(rows->pagination->min_size, 2);
  EXPECT_TRUE(rows->pagination->stop.short_page);
  EXPECT_EQ(rows->pagination->stop.statuses, (std::vector<StatusRange>{{400, 400}}));
  EXPECT_EQ(rows->pagination->stop.body_contains, "exceeds grid limits");
  EXPECT_TRUE(rows->pagination->stop.not_first_page);
  EXPECT_EQ(rows->response.records, "values");
  EXPECT_TRUE(rows->response.rows_with_header);
}

TEST(HttpManifest, TheFlowGivesMethodUrlHeadersAndBody) {
  const ConnectorManifest http = load_manifest("http");
  EXPECT_EQ(http.base_url, "");
  ASSERT_EQ(http.auth.size(), 1u);
  EXPECT_EQ(http.auth[0].kind, AuthKind::Bearer);
  EXPECT_EQ(route(http.account_routes, "headers.*").in, Placement::Header);
  const ActionManifest* request = http.find_action("request");
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(request->request.method, "");
  EXPECT_EQ(request->request.method_with_body, "POST");
  EXPECT_EQ(route(request->routes, "method").in, Placement::Method);
  EXPECT_EQ(route(request->routes, "url").in, Placement::Url);
  EXPECT_EQ(route(request->routes, "body.*").to, "*");
  EXPECT_EQ(route(request->routes, "raw_body").in, Placement::RawBody);
  EXPECT_EQ(route(request->routes, "content_type").default_value, "\"text/plain\"");
  EXPECT_EQ(request->response.json, JsonNeed::Optional);
  EXPECT_EQ(request->response.json_field, "expect");
}

TEST(EveryManifest, DefaultRetriesAreTodays) {
  for (const char* service : {"keepincrm", "telegram", "google_sheets", "http"}) {
    const ConnectorManifest manifest = load_manifest(service);
    EXPECT_EQ(manifest.retry.statuses, (std::vector<StatusRange>{{408, 408}, {429, 429}, {500, 599}})) << service;
    EXPECT_EQ(manifest.retry.after_header, "Retry-After") << service;
  }
}

}  // namespace
}  // namespace flowc
