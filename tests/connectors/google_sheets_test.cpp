#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "runtime/connector_kit/base64.hpp"
#include "runtime/json_util.hpp"
#include "runtime/manifest_engine/auth/access_tokens.hpp"
#include "runtime/manifest_engine/source/row_window.hpp"
#include "tests/connectors/test_support.hpp"

namespace flowc::runtime::testing {
namespace {

using manifest_engine::a1_range;
using manifest_engine::parse_sheet_window;

// A small sheet: header, 5 data rows (one ragged, one blank line between), served in any chunk
// size the way values.get does (trailing empty rows left out).
const std::vector<std::vector<std::string>> kSheet{
    {"order_id", "product", "qty"}, {"1", "Lamp", "2"}, {"2", "Desk"}, {}, {"4", "Chair", "1"}, {"5", "Shelf", "3"},
};

std::string values_json(long long first, long long last) {
  std::string rows;
  for (long long number = first; number <= last && number <= static_cast<long long>(kSheet.size()); ++number) {
    std::string cells;
    for (const auto& cell : kSheet[number - 1]) cells += (cells.empty() ? "\"" : ",\"") + cell + "\"";
    rows += (rows.empty() ? "[" : ",[") + cells + "]";
  }
  return R"({"range":"x","majorDimension":"ROWS","values":[)" + rows + "]}";
}

// The row numbers of `A<first>:ZZZ<last>` in a range such as 'Orders'!A3:ZZZ4.
std::pair<long long, long long> rows_of(const std::string& range) {
  auto bang = range.find('!');
  long long first = 0;
  long long last = 0;
  std::sscanf(range.c_str() + bang + 1, "%*[A-Z]%lld:%*[A-Z]%lld", &first, &last);
  return {first, last};
}

class GoogleSheetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    manifest_engine::clear_access_tokens();
    server_.handle(
        "GET", R"(/v4/spreadsheets/([^/]+)/values/(.+))",
        [this](const httplib::Request& request, httplib::Response& response) {
          bool authorized = request.get_param_value("key") == "sheet-key" ||
                            request.get_header_value("Authorization") == "Bearer " + expected_token_;
          if (!authorized) {
            response.status = 403;
            response.set_content(
                R"({"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}})",
                "application/json");
            return;
          }
          if (request.matches[1] == "proxied") {
            response.set_content("<html><title>Proxy login</title></html>", "text/html");
            return;
          }
          auto [first, last] = rows_of(request.matches[2]);
          if (first > grid_rows_) {  // Google refuses a range that starts past the sheet's grid
            response.status = 400;
            response.set_content(R"({"error":{"code":400,"message":"Range ('Orders'!A)" + std::to_string(first) +
                                     R"() exceeds grid limits. Max rows: 6, max columns: 26","status":"INVALID_ARGUMENT"}})",
                                 "application/json");
            return;
          }
          response.set_content(values_json(first, last), "application/json");
        });
    server_.start();
  }

  // `insecure_tls` is the account's `insecure_tls = true`, as the interpreter reads it.
  std::vector<Row> read_all(const std::string& fields_json, const std::string& auth_json, bool insecure_tls = false) {
    TestAccount account(R"({"base_url":")" + server_.url() + "\"," + auth_json + "}", "google_sheets");
    account.config.insecure_tls = insecure_tls;
    auto fields = json(fields_json);
    auto source = builtin_source("google_sheets", "new_rows").open(fields, account.config, http_);
    std::vector<Row> rows;
    while (auto row = source->next()) rows.push_back(std::move(*row));
    return rows;
  }

  LoopbackServer server_;
  HttpClient http_;
  std::string expected_token_ = "never-issued";
  long long grid_rows_ = 1000;
};

TEST_F(GoogleSheetsTest, ReadsTheSheetInChunksWithColumnsAndRowNumbers) {
  auto rows = read_all(R"({"spreadsheet":"sheet-1","sheet":"Orders","chunk_rows":2})", R"("api_key":"sheet-key")");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(*rows[0].columns, (std::vector<std::string>{"order_id", "product", "qty"}));
  EXPECT_EQ(rows[0].number, 2u);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"1", "Lamp", "2"}));
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"2", "Desk", ""}));  // ragged row padded
  EXPECT_EQ(rows[2].number, 5u);                                          // the blank row 4 skipped, still counted
  EXPECT_EQ(rows[3].number, 6u);

  auto received = server_.received();
  ASSERT_EQ(received.size(), 4u);  // rows 1-2, 3-4, 5-6, then 7-8 comes back empty
  EXPECT_EQ(received[0].path, "/v4/spreadsheets/sheet-1/values/'Orders'!A1:ZZZ2");
  EXPECT_NE(received[0].target.find("/values/%27Orders%27%21A1%3AZZZ2?"), std::string::npos) << received[0].target;
  EXPECT_EQ(received[0].param("key"), "sheet-key");
  EXPECT_EQ(received[0].param("majorDimension"), "ROWS");
  EXPECT_EQ(received[3].path, "/v4/spreadsheets/sheet-1/values/'Orders'!A7:ZZZ8");
}

TEST_F(GoogleSheetsTest, DefaultChunkIsAThousandRowsAndOneShortChunkEndsTheRead) {
  auto rows = read_all(R"({"spreadsheet":"s","sheet":"Orders"})", R"("api_key":"sheet-key")");
  EXPECT_EQ(rows.size(), 4u);
  auto received = server_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].path, "/v4/spreadsheets/s/values/'Orders'!A1:ZZZ1000");
}

TEST_F(GoogleSheetsTest, SheetThatExactlyFillsItsChunksEndsAtTheGridLimit) {
  grid_rows_ = static_cast<long long>(kSheet.size());  // the sheet's grid holds exactly its rows
  auto rows = read_all(R"({"spreadsheet":"s","sheet":"Orders","chunk_rows":3})", R"("api_key":"sheet-key")");
  EXPECT_EQ(rows.size(), 4u);
  EXPECT_EQ(server_.received().size(), 3u);  // rows 1-3, 4-6, then 7-9 lies past the grid
}

TEST_F(GoogleSheetsTest, AccessTokenIsSentAsBearer) {
  expected_token_ = "ya29.token";
  auto rows = read_all(R"({"spreadsheet":"s","sheet":"Orders"})", R"("access_token":"ya29.token")");
  EXPECT_EQ(rows.size(), 4u);
  EXPECT_EQ(server_.received().at(0).header("Authorization"), "Bearer ya29.token");
  EXPECT_EQ(server_.received().at(0).param("key"), "");
}

TEST_F(GoogleSheetsTest, ErrorsCarryGooglesMessageButNotTheKey) {
  try {
    read_all(R"({"spreadsheet":"s","sheet":"Orders"})", R"("api_key":"wrong-secret-key")");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("The caller does not have permission"), std::string::npos) << message;
    EXPECT_NE(message.find("HTTP 403"), std::string::npos) << message;
    EXPECT_EQ(message.find("wrong-secret-key"), std::string::npos) << message;
  }
}

TEST_F(GoogleSheetsTest, AnHtmlPageInsteadOfTheValuesIsAnErrorQuotingIt) {
  try {
    read_all(R"({"spreadsheet":"proxied","sheet":"Orders"})", R"("api_key":"sheet-key")");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "is not JSON (HTTP 200, Content-Type text/html): <html><title>Proxy login</title></html>"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(GoogleSheetsTest, AccountWithoutCredentialsIsRefused) {
  EXPECT_THROW(read_all(R"({"spreadsheet":"s","sheet":"Orders"})", R"("x":1)"), std::runtime_error);
  EXPECT_TRUE(server_.received().empty());
}

// --- service account: a real RSA key, a token endpoint that verifies the JWT's signature ---

struct KeyPair {
  std::string private_pem;
  std::string public_pem;
};

KeyPair generate_rsa_key() {
  // 1024 bits: plenty to tell a good signature from a bad one, and quick to generate in Debug.
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(1024), EVP_PKEY_free);
  auto pem_of = [](auto write) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    write(bio.get());
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
  };
  return {pem_of([&](BIO* bio) { PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr); }),
          pem_of([&](BIO* bio) { PEM_write_bio_PUBKEY(bio, key.get()); })};
}

std::string base64url_decode(std::string text) {
  for (char& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (text.size() % 4 != 0) text += '=';
  std::string out(text.size(), '\0');
  int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                               reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<std::size_t>(length) - std::count(text.begin(), text.end(), '='));
  return out;
}

bool rs256_valid(const std::string& signed_part, const std::string& signature, const std::string& public_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())),
                                                BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
                                                          EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
         EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
}

class ServiceAccountTest : public GoogleSheetsTest {
 protected:
  static const KeyPair& service_key() {
    static const KeyPair key = generate_rsa_key();
    return key;
  }
  static const KeyPair& other_key() {
    static const KeyPair key = generate_rsa_key();
    return key;
  }

  void SetUp() override {
    keys_ = service_key();
    token_server_.handle("POST", "/token", [this](const httplib::Request& request, httplib::Response& response) {
      ++token_requests_;
      std::string assertion = request.get_param_value("assertion");
      auto first_dot = assertion.find('.');
      auto second_dot = assertion.find('.', first_dot + 1);
      std::string signed_part = assertion.substr(0, second_dot);
      claims_ = base64url_decode(assertion.substr(first_dot + 1, second_dot - first_dot - 1));
      header_ = base64url_decode(assertion.substr(0, first_dot));
      grant_type_ = request.get_param_value("grant_type");
      if (!rs256_valid(signed_part, base64url_decode(assertion.substr(second_dot + 1)), keys_.public_pem)) {
        response.status = 400;
        response.set_content(R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})",
                             "application/json");
        return;
      }
      response.set_content(R"({"access_token":"ya29.from-jwt","expires_in":3599,"token_type":"Bearer"})",
                           "application/json");
    });
    token_server_.handle("POST", "/proxied", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("<html>\n<title>Proxy login</title>\n</html>", "text/html");
    });
    token_server_.close_after_each_request();  // it is destroyed before the base's HttpClient
    token_server_.start();
    GoogleSheetsTest::SetUp();
    expected_token_ = "ya29.from-jwt";
    key_file_ = std::filesystem::temp_directory_path() / ("flowc-sa-" + std::to_string(::getpid()) + ".json");
    rapidjson::Document key(rapidjson::kObjectType);
    connectors::set_string(key, "type", "service_account", key.GetAllocator());
    connectors::set_string(key, "client_email", "flow@project.iam.gserviceaccount.com", key.GetAllocator());
    connectors::set_string(key, "private_key", keys_.private_pem, key.GetAllocator());
    connectors::set_string(key, "token_uri", "https://oauth2.invalid/token", key.GetAllocator());
    std::ofstream(key_file_) << to_json(key);
  }
  void TearDown() override { std::filesystem::remove(key_file_); }

  std::string auth() const {
    return R"("service_account_file":")" + key_file_.string() + R"(","token_url":")" + token_server_.url() +
           R"(/token")";
  }

  KeyPair keys_;
  LoopbackServer token_server_;
  std::atomic<int> token_requests_{0};
  std::string claims_;
  std::string header_;
  std::string grant_type_;
  std::filesystem::path key_file_;
};

TEST_F(ServiceAccountTest, SignsAJwtExchangesItAndCachesTheToken) {
  auto rows = read_all(R"({"spreadsheet":"s","sheet":"Orders","chunk_rows":3})", auth());
  EXPECT_EQ(rows.size(), 4u);
  EXPECT_EQ(token_requests_.load(), 1);  // three sheet requests, one token
  EXPECT_EQ(server_.received().size(), 3u);
  EXPECT_EQ(server_.received().at(0).header("Authorization"), "Bearer ya29.from-jwt");
  EXPECT_EQ(grant_type_, "urn:ietf:params:oauth:grant-type:jwt-bearer");
  EXPECT_EQ(header_, R"({"alg":"RS256","typ":"JWT"})");
  auto claims = json(claims_);
  EXPECT_EQ(connectors::text_field(claims, "iss"), "flow@project.iam.gserviceaccount.com");
  EXPECT_EQ(connectors::text_field(claims, "scope"), "https://www.googleapis.com/auth/spreadsheets");
  EXPECT_EQ(connectors::text_field(claims, "aud"), token_server_.url() + "/token");
  EXPECT_EQ(claims["exp"].GetInt64() - claims["iat"].GetInt64(), 3600);

  read_all(R"({"spreadsheet":"s","sheet":"Orders"})", auth());
  EXPECT_EQ(token_requests_.load(), 1);  // still cached for the next run in this process
}

TEST_F(ServiceAccountTest, AnHtmlPageInsteadOfATokenIsAnErrorQuotingIt) {
  const std::string proxied = R"("service_account_file":")" + key_file_.string() + R"(","token_url":")" +
                              token_server_.url() + R"(/proxied")";
  try {
    read_all(R"({"spreadsheet":"s","sheet":"Orders"})", proxied);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("the response is not JSON (HTTP 200, Content-Type text/html): <html> "
                                         "<title>Proxy login</title> </html>"),
              std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(server_.received().empty());
}

TEST_F(ServiceAccountTest, RejectedJwtReportsGooglesMessageWithoutTheKey) {
  keys_ = other_key();  // the token endpoint now expects another key's signature
  try {
    read_all(R"({"spreadsheet":"s","sheet":"Orders"})", auth());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("Invalid JWT Signature."), std::string::npos) << message;
    EXPECT_EQ(message.find("PRIVATE KEY"), std::string::npos) << message;
  }
  EXPECT_TRUE(server_.received().empty());
}

TEST_F(ServiceAccountTest, MissingKeyFileIsAClearError) {
  std::filesystem::remove(key_file_);
  EXPECT_THROW(
      {
        try {
          read_all(R"({"spreadsheet":"s","sheet":"Orders"})", auth());
        } catch (const std::runtime_error& e) {
          EXPECT_NE(std::string(e.what()).find("cannot read the service account file"), std::string::npos);
          throw;
        }
      },
      std::runtime_error);
}

// A token endpoint behind TLS with a self-signed certificate (a fresh P-256 key, CN 127.0.0.1):
// no client trusts it unless told to skip verification.
class SelfSignedTokenServer {
 public:
  SelfSignedTokenServer() {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_sign(cert.get(), key.get(), EVP_sha256());
    server_ = std::make_unique<httplib::SSLServer>(cert.get(), key.get());  // takes its own references
    server_->Post("/token", [this](const httplib::Request&, httplib::Response& response) {
      ++requests_;
      response.set_content(R"({"access_token":"ya29.over-tls","expires_in":3599,"token_type":"Bearer"})",
                           "application/json");
    });
    server_->set_keep_alive_max_count(1);  // no idle connection holds the destructor
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~SelfSignedTokenServer() {
    server_->stop();
    thread_.join();
  }
  bool valid() const { return server_->is_valid() && port_ > 0; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/token"; }
  int requests() const { return requests_.load(); }

 private:
  std::unique_ptr<httplib::SSLServer> server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<int> requests_{0};
};

// `insecure_tls = true` on the account reaches the OAuth token exchange too, not only the sheet
// requests: against a self-signed token endpoint the exchange fails when verified and succeeds
// when the account skips verification; the token it got is not reused by a verified account.
TEST_F(ServiceAccountTest, InsecureTlsReachesTheTokenExchange) {
  SelfSignedTokenServer tls;
  ASSERT_TRUE(tls.valid());
  const std::string auth = R"("service_account_file":")" + key_file_.string() + R"(","token_url":")" + tls.url() + "\"";
  const std::string fields = R"({"spreadsheet":"s","sheet":"Orders"})";
  try {
    read_all(fields, auth);
    FAIL() << "a self-signed token endpoint was trusted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("certificate"), std::string::npos) << e.what();
  }
  EXPECT_EQ(tls.requests(), 0);

  expected_token_ = "ya29.over-tls";
  EXPECT_EQ(read_all(fields, auth, /*insecure_tls=*/true).size(), 4u);
  EXPECT_EQ(tls.requests(), 1);
  ASSERT_FALSE(server_.received().empty());
  EXPECT_EQ(server_.received().back().header("Authorization"), "Bearer ya29.over-tls");

  EXPECT_THROW(read_all(fields, auth), std::runtime_error);  // verified again: no cached shortcut
  EXPECT_EQ(tls.requests(), 1);
}

TEST(SheetRange, QuotesTheSheetNameAndHonoursTheRangeField) {
  EXPECT_EQ(a1_range("Orders", parse_sheet_window(""), 1, 1000), "'Orders'!A1:ZZZ1000");
  EXPECT_EQ(a1_range("Bob's list", parse_sheet_window("b2:h"), 2, 10), "'Bob''s list'!B2:H10");
  auto window = parse_sheet_window("C5:F500");
  EXPECT_EQ(window.first_row, 5);
  EXPECT_EQ(window.last_row, 500);
  EXPECT_THROW(parse_sheet_window("nonsense"), std::runtime_error);
  EXPECT_THROW(parse_sheet_window("A9:B2"), std::runtime_error);
}

TEST_F(GoogleSheetsTest, RangeFieldLimitsRowsAndColumns) {
  auto rows = read_all(R"({"spreadsheet":"s","sheet":"Orders","range":"A1:C3"})", R"("api_key":"sheet-key")");
  EXPECT_EQ(rows.size(), 2u);
  ASSERT_EQ(server_.received().size(), 1u);
  EXPECT_EQ(server_.received()[0].path, "/v4/spreadsheets/s/values/'Orders'!A1:C3");
}

}  // namespace
}  // namespace flowc::runtime::testing
