#include "connectors/google_sheets/google_auth.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "runtime/connector_kit/base64.hpp"
#include "runtime/connector_kit/error_text.hpp"
#include "runtime/json_util.hpp"
#include "runtime/connector_kit/url.hpp"

namespace flowc::runtime::connectors {

namespace {

constexpr std::chrono::seconds kTokenLifetime{3600};
constexpr std::chrono::seconds kRefreshMargin{60};  // renew a little early so no request carries a stale token

// RS256: an RSA signature over the SHA-256 digest of `data` with the PEM private key.
std::string rs256_signature(std::string_view data, const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr, EVP_PKEY_free);
  if (!pkey) throw std::runtime_error("the service account's private_key is not a PEM private key");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t length = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, bytes, data.size()) != 1) {
    throw std::runtime_error("could not sign the service account token request (RS256)");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, bytes, data.size()) !=
      1) {
    throw std::runtime_error("could not sign the service account token request (RS256)");
  }
  signature.resize(length);
  return signature;
}

struct CachedToken {
  std::string token;
  std::chrono::steady_clock::time_point renew_at;
};

std::mutex& cache_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<std::string, CachedToken>& token_cache() {
  static std::map<std::string, CachedToken> cache;
  return cache;
}

std::string fetch_token(const ServiceAccountKey& key, std::string_view token_url, std::string_view scope,
                        HttpClient& http, const RetryPolicy& retry, bool insecure_tls, std::chrono::seconds& lifetime) {
  std::string assertion = service_account_jwt(key, scope, token_url, std::chrono::system_clock::now());
  HttpRequest request;
  request.method = "POST";
  request.url = std::string(token_url);
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  request.body = form_encode({{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", assertion}});
  request.insecure_tls = insecure_tls;
  HttpResponse response = http.perform(std::move(request), retry);
  auto answer = parse_json(response.body);
  std::string token = answer ? text_field(*answer, "access_token") : std::string();
  if (response.ok() && !answer) {
    throw std::runtime_error(fmt::format("Google token exchange for {} failed: the response is {}", key.client_email,
                                         not_json_text(response)));
  }
  if (!response.ok() || token.empty()) {
    throw std::runtime_error(fmt::format("Google token exchange for {} failed (HTTP {}): {}", key.client_email,
                                         response.status, error_text(response)));
  }
  lifetime = std::chrono::seconds(integer_field(*answer, "expires_in", kTokenLifetime.count()));
  return token;
}

}  // namespace

ServiceAccountKey load_service_account_key(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error(fmt::format("cannot read the service account file \"{}\"", path));
  std::ostringstream text;
  text << file.rdbuf();
  auto json = parse_json(text.str());
  if (!json || !json->IsObject())
    throw std::runtime_error(fmt::format("the service account file \"{}\" is not a JSON object", path));
  ServiceAccountKey key{text_field(*json, "client_email"), text_field(*json, "private_key"),
                        text_field(*json, "token_uri", "https://oauth2.googleapis.com/token")};
  for (auto [name, value] : {std::pair{"client_email", &key.client_email}, {"private_key", &key.private_key}}) {
    if (value->empty()) throw std::runtime_error(fmt::format("the service account file \"{}\" has no {}", path, name));
  }
  return key;
}

std::string service_account_jwt(const ServiceAccountKey& key, std::string_view scope, std::string_view audience,
                                std::chrono::system_clock::time_point now) {
  std::int64_t issued = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  rapidjson::Document claims(rapidjson::kObjectType);
  auto& alloc = claims.GetAllocator();
  set_string(claims, "iss", key.client_email, alloc);
  set_string(claims, "scope", scope, alloc);
  set_string(claims, "aud", audience, alloc);
  claims.AddMember("iat", issued, alloc);
  claims.AddMember("exp", static_cast<std::int64_t>(issued + kTokenLifetime.count()), alloc);
  std::string signed_part =
      base64url_encode(R"({"alg":"RS256","typ":"JWT"})") + "." + base64url_encode(to_json(claims));
  return signed_part + "." + base64url_encode(rs256_signature(signed_part, key.private_key));
}

std::string service_account_token(const ServiceAccountKey& key, std::string_view token_url, std::string_view scope,
                                  HttpClient& http, const RetryPolicy& retry, bool insecure_tls) {
  std::string cache_key = fmt::format("{}\n{}\n{}{}", key.client_email, token_url, scope, insecure_tls ? "\ninsecure" : "");
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(cache_mutex());
    auto found = token_cache().find(cache_key);
    if (found != token_cache().end() && now < found->second.renew_at) return found->second.token;
  }
  std::chrono::seconds lifetime{0};
  std::string token = fetch_token(key, token_url, scope, http, retry, insecure_tls, lifetime);
  std::lock_guard lock(cache_mutex());
  token_cache()[cache_key] = CachedToken{token, now + lifetime - kRefreshMargin};
  return token;
}

void clear_service_account_tokens() {
  std::lock_guard lock(cache_mutex());
  token_cache().clear();
}

}  // namespace flowc::runtime::connectors
