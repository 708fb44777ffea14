// The Google Sheets stand-in over HTTP: values.get with A1 ranges, Google's trimming rules and
// error shapes, auth, and the service-account token exchange.
#include <gtest/gtest.h>

#include <chrono>

#include "tools/sandbox/stubs/sheets/a1_range.hpp"
#include "tools/sandbox/stubs/sheets/jwt_assertion.hpp"
#include "tests/sandbox/sandbox_test_support.hpp"

namespace flowc::sandbox::testing {
namespace {

constexpr const char* kOrdersSheet =
    "order_id,product,qty,amount,,\n"
    "5,Chair,2,300,,\n"
    "7,Table,1,1200,,\n"
    ",,,,,\n"
    ",,,,,\n";

class SheetsTest : public SandboxTest {
 protected:
  void SetUp() override {
    data_.write("1AbC/Orders.csv", kOrdersSheet);
    data_.write("1AbC/My Sheet.csv", "a,b\n");
    data_.write("Shared.csv", "x\n1\n");
    data_.write("keepincrm_orders.csv", "id,title\n1,A\n");
    SandboxOptions options;
    options.data_dir = data_.path();
    start(options);
  }

  httplib::Result values(const std::string& spreadsheet, const std::string& range, const std::string& extra = "") {
    return client().Get("/sheets/v4/spreadsheets/" + spreadsheet + "/values/" + range + "?key=test-key" + extra);
  }

  static void expect_google_error(const httplib::Result& res, int code, const char* status) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, code);
    auto body = parse_json(res->body);
    EXPECT_EQ(body["error"]["code"].GetInt(), code);
    EXPECT_STREQ(body["error"]["status"].GetString(), status);
    EXPECT_TRUE(body["error"]["message"].IsString());
  }

  TempDir data_;
};

TEST_F(SheetsTest, WholeSheetTrimsTrailingEmptyCellsAndRows) {
  auto res = values("1AbC", "Orders");
  ASSERT_EQ(res->status, 200);
  auto body = parse_json(res->body);
  EXPECT_STREQ(body["range"].GetString(), "Orders!A1:Z1000");
  EXPECT_STREQ(body["majorDimension"].GetString(), "ROWS");
  ASSERT_EQ(body["values"].Size(), 3u);
  ASSERT_EQ(body["values"][0].Size(), 4u);
  EXPECT_STREQ(body["values"][0][1].GetString(), "product");
  EXPECT_STREQ(body["values"][2][3].GetString(), "1200");
}

TEST_F(SheetsTest, BoundedAndOpenRanges) {
  auto bounded = parse_json(values("1AbC", "Orders!B2:C3")->body);
  EXPECT_STREQ(bounded["range"].GetString(), "Orders!B2:C3");
  ASSERT_EQ(bounded["values"].Size(), 2u);
  EXPECT_STREQ(bounded["values"][0][0].GetString(), "Chair");
  EXPECT_STREQ(bounded["values"][1][1].GetString(), "1");

  auto open = parse_json(values("1AbC", "Orders!A2:Z")->body);
  EXPECT_STREQ(open["range"].GetString(), "Orders!A2:Z1000");
  EXPECT_EQ(open["values"].Size(), 2u);

  auto quoted = parse_json(values("1AbC", "'My%20Sheet'!A1:F100")->body);
  EXPECT_STREQ(quoted["range"].GetString(), "'My Sheet'!A1:F100");
  EXPECT_STREQ(quoted["values"][0][1].GetString(), "b");

  // Cells without a sheet name read the first sheet (in name order).
  auto first = parse_json(values("1AbC", "A1:A1")->body);
  EXPECT_STREQ(first["range"].GetString(), "'My Sheet'!A1:A1");
}

TEST_F(SheetsTest, EmptyRangeOmitsValues) {
  auto body = parse_json(values("1AbC", "Orders!A10:C20")->body);
  EXPECT_STREQ(body["range"].GetString(), "Orders!A10:C20");
  EXPECT_FALSE(body.HasMember("values"));
}

TEST_F(SheetsTest, ColumnsAndUnformattedValues) {
  auto columns = parse_json(values("1AbC", "Orders!A1:B3", "&majorDimension=COLUMNS")->body);
  ASSERT_EQ(columns["values"].Size(), 2u);
  EXPECT_STREQ(columns["values"][0][1].GetString(), "5");
  EXPECT_STREQ(columns["values"][1][2].GetString(), "Table");
  auto numbers = parse_json(values("1AbC", "Orders!D2:D3", "&valueRenderOption=UNFORMATTED_VALUE")->body);
  EXPECT_EQ(numbers["values"][0][0].GetInt(), 300);
  expect_google_error(values("1AbC", "Orders", "&majorDimension=DIAGONAL"), 400, "INVALID_ARGUMENT");
}

TEST_F(SheetsTest, RootCsvIsASheetOfEverySpreadsheetButOrdersSeedIsNot) {
  auto shared = parse_json(values("anything", "Shared")->body);
  EXPECT_STREQ(shared["values"][1][0].GetString(), "1");
  expect_google_error(values("anything", "keepincrm_orders"), 400, "INVALID_ARGUMENT");
}

TEST_F(SheetsTest, InMemorySheetOverridesFiles) {
  sandbox_->set_sheet("1AbC", "Orders", {{"only"}, {"row"}});
  auto body = parse_json(values("1AbC", "Orders")->body);
  ASSERT_EQ(body["values"].Size(), 2u);
  EXPECT_STREQ(body["values"][1][0].GetString(), "row");
}

TEST_F(SheetsTest, Errors) {
  auto unknown = values("1AbC", "Nope!A1:B2");
  expect_google_error(unknown, 400, "INVALID_ARGUMENT");
  EXPECT_STREQ(parse_json(unknown->body)["error"]["message"].GetString(), "Unable to parse range: Nope!A1:B2");
  expect_google_error(values("1AbC", "Orders!B2:A1"), 400, "INVALID_ARGUMENT");
  expect_google_error(values("1AbC", "Orders!A5000"), 400, "INVALID_ARGUMENT");

  TempDir empty;
  SandboxOptions options;
  options.data_dir = empty.path();
  start(options);
  expect_google_error(values("missing", "Orders"), 404, "NOT_FOUND");
}

TEST_F(SheetsTest, AuthNeedsKeyOrBearer) {
  expect_google_error(client().Get("/sheets/v4/spreadsheets/1AbC/values/Orders"), 403, "PERMISSION_DENIED");
  auto bearer = client().Get("/sheets/v4/spreadsheets/1AbC/values/Orders", {{"Authorization", "Bearer sandbox-1"}});
  EXPECT_EQ(bearer->status, 200);
  expect_google_error(client().Get("/sheets/v4/spreadsheets/1AbC/values/Orders", {{"Authorization", "Basic x"}}), 401,
                      "UNAUTHENTICATED");

  SandboxOptions options;
  options.sheets_api_key = "good";
  start(options);
  expect_google_error(client().Get("/sheets/v4/spreadsheets/x/values/A?key=bad"), 400, "INVALID_ARGUMENT");
}

TEST_F(SheetsTest, KeyIsRedactedInTheLog) {
  values("1AbC", "Orders");
  auto requests = sandbox_->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].service, "sheets");
  EXPECT_EQ(requests[0].query, "key=<redacted>");
}

std::string base64url(const std::string& text) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : text) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3F];
  return out;
}

std::string make_assertion(long long iat, long long exp) {
  auto claims =
      R"({"iss":"svc@project.iam.gserviceaccount.com","scope":"https://www.googleapis.com/auth/spreadsheets.readonly","aud":"https://oauth2.googleapis.com/token","iat":)" +
      std::to_string(iat) + R"(,"exp":)" + std::to_string(exp) + "}";
  return base64url(R"({"alg":"RS256","typ":"JWT"})") + "." + base64url(claims) + ".c2lnbmF0dXJl";
}

TEST_F(SheetsTest, TokenExchangeForServiceAccounts) {
  auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  httplib::Params form{{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                       {"assertion", make_assertion(now, now + 3600)}};
  auto res = client().Post("/sheets/token", form);
  ASSERT_EQ(res->status, 200) << res->body;
  auto token = parse_json(res->body);
  EXPECT_STREQ(token["access_token"].GetString(), "sandbox-1");
  EXPECT_EQ(token["expires_in"].GetInt(), 3600);
  EXPECT_STREQ(token["token_type"].GetString(), "Bearer");
  // The assertion is a credential: it never reaches the log.
  EXPECT_EQ(sandbox_->requests_json().find(form.find("assertion")->second), std::string::npos);

  auto long_lived =
      client().Post("/sheets/token", httplib::Params{{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                                                     {"assertion", make_assertion(now, now + 7200)}});
  EXPECT_EQ(long_lived->status, 400);
  EXPECT_STREQ(parse_json(long_lived->body)["error"].GetString(), "invalid_grant");
  auto wrong_grant = client().Post("/sheets/token", httplib::Params{{"grant_type", "password"}});
  EXPECT_STREQ(parse_json(wrong_grant->body)["error"].GetString(), "unsupported_grant_type");
  auto garbage = client().Post(
      "/sheets/token",
      httplib::Params{{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", "a.b"}});
  EXPECT_STREQ(parse_json(garbage->body)["error"].GetString(), "invalid_grant");
}

struct RangeCase {
  const char* text;
  const char* sheet;
  int first_column, first_row;
  int last_column, last_row;  // 0: open
};

class A1RangeTest : public ::testing::TestWithParam<RangeCase> {};

TEST_P(A1RangeTest, Parses) {
  const auto& c = GetParam();
  auto range = parse_a1_range(c.text);
  ASSERT_TRUE(range) << c.text;
  EXPECT_EQ(range->sheet, c.sheet);
  EXPECT_EQ(range->first_column, c.first_column);
  EXPECT_EQ(range->first_row, c.first_row);
  EXPECT_EQ(range->last_column.value_or(0), c.last_column);
  EXPECT_EQ(range->last_row.value_or(0), c.last_row);
}

INSTANTIATE_TEST_SUITE_P(
    Ranges, A1RangeTest,
    ::testing::Values(RangeCase{"Orders", "Orders", 1, 1, 0, 0}, RangeCase{"Orders!A1:F100", "Orders", 1, 1, 6, 100},
                      RangeCase{"Orders!A2:Z", "Orders", 1, 2, 26, 0},
                      RangeCase{"'My Sheet'!B3", "My Sheet", 2, 3, 2, 3}, RangeCase{"'It''s'!A:C", "It's", 1, 1, 3, 0},
                      RangeCase{"Data!2:5", "Data", 1, 2, 0, 5}, RangeCase{"A1:AA10", "", 1, 1, 27, 10},
                      RangeCase{"Orders!C", "Orders", 3, 1, 3, 0}));

TEST(A1Range, Rejects) {
  for (const char* bad :
       {"", "'unterminated", "'X'Y", "!A1", "Orders!", "Orders!1", "Orders!A1:", "Orders!A0", "Orders!A1-B2"}) {
    EXPECT_FALSE(parse_a1_range(bad)) << bad;
  }
}

TEST(A1Range, ColumnLettersAndQuoting) {
  EXPECT_EQ(column_letters(1), "A");
  EXPECT_EQ(column_letters(26), "Z");
  EXPECT_EQ(column_letters(27), "AA");
  EXPECT_EQ(column_letters(703), "AAA");
  EXPECT_EQ(quote_sheet_name("Orders"), "Orders");
  EXPECT_EQ(quote_sheet_name("My Sheet"), "'My Sheet'");
  EXPECT_EQ(quote_sheet_name("It's"), "'It''s'");
}

TEST(JwtAssertion, Base64url) {
  EXPECT_EQ(decode_base64url("aGVsbG8"), "hello");
  EXPECT_EQ(decode_base64url("aGVsbG8="), "hello");
  EXPECT_FALSE(decode_base64url("a+b/"));
}

}  // namespace
}  // namespace flowc::sandbox::testing
