#include "runtime/manifest_engine/auth/access_tokens.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

#include "base/redactor.hpp"
#include "runtime/connector_kit/base64.hpp"
#include "runtime/connector_kit/error_text.hpp"
#include "runtime/connector_kit/url.hpp"
#include "runtime/json_util.hpp"
#include "runtime/manifest_engine/auth/google_service_account.hpp"

namespace flowc::runtime::manifest_engine {

namespace {

using manifest::AuthKind;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::seconds kDefaultLifetime{3600};  // RFC 6749 5.1: expires_in is only recommended
constexpr std::chrono::seconds kRenewMargin{60};        // renewed early, so no request carries a stale token

struct CachedToken {
  std::string token;
  Clock::time_point renew_at;
};

// What the process remembers: tokens by credentials, and refresh tokens a service rotated (the
// newest to use in place of the one the account gives, which the service no longer accepts).
struct TokenStore {
  std::mutex mutex;
  std::map<std::string, CachedToken> tokens;
  std::map<std::string, std::string> rotated_refresh_tokens;
};

TokenStore& store() {
  static TokenStore tokens;
  return tokens;
}

// Which credentials a token belongs to. An account that skips TLS verification has tokens of its
// own, never handed to one that verifies.
std::string cache_key(const manifest::Auth& auth, const AccountConfig& account) {
  return fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}", static_cast<int>(auth.kind), auth.token_url,
                     account.text(auth.token_url_field), account.text(auth.value), account.text(auth.password),
                     account.text(auth.refresh_token), auth.scope, account.insecure_tls ? "insecure" : "");
}

std::string refresh_token(const manifest::Auth& auth, const AccountConfig& account) {
  std::string given(account.text(auth.refresh_token));
  std::lock_guard lock(store().mutex);
  auto rotated = store().rotated_refresh_tokens.find(given);
  return rotated == store().rotated_refresh_tokens.end() ? given : rotated->second;
}

std::string failure_lead(const manifest::ConnectorManifest& connector, const AccountConfig& account) {
  return fmt::format("{} could not get an access token for account \"{}\"", connector.title, account.name);
}

// The OAuth 2 grants' form: client credentials or refresh token, the client's id and secret in
// it unless they go as HTTP Basic.
HttpRequest oauth2_request(const manifest::Auth& auth, const AccountConfig& account, std::string token_url) {
  std::vector<std::pair<std::string, std::string>> form;
  if (auth.kind == AuthKind::OAuth2Refresh) {
    form = {{"grant_type", "refresh_token"}, {"refresh_token", refresh_token(auth, account)}};
  } else {
    form = {{"grant_type", "client_credentials"}};
  }
  if (!auth.scope.empty()) form.emplace_back("scope", auth.scope);
  HttpRequest request;
  const std::string client_id(account.text(auth.value));
  const std::string client_secret(account.text(auth.password));
  if (auth.client_basic) {
    // RFC 6749 2.3.1: each form-urlencoded before they are joined, so a `:` or `%` in a secret survives.
    request.headers.emplace_back("Authorization", "Basic " + connectors::base64_encode(connectors::url_encode(client_id) + ":" +
                                                                                      connectors::url_encode(client_secret)));
  } else {
    if (!client_id.empty()) form.emplace_back("client_id", client_id);
    if (!client_secret.empty()) form.emplace_back("client_secret", client_secret);
  }
  request.url = std::move(token_url);
  request.body = connectors::form_encode(form);
  return request;
}

// Google's JWT bearer grant: the assertion signed with the key file's private key.
HttpRequest google_request(const manifest::Auth& auth, const AccountConfig& account) {
  const ServiceAccountKey key = load_service_account_key(account.get(auth.value));
  std::string token_url(account.text(auth.token_url_field, key.token_uri));
  std::string assertion = service_account_jwt(key, auth.scope, token_url, std::chrono::system_clock::now());
  redactor().add(assertion);  // a credential for the hour it is valid, as the token it buys
  HttpRequest request;
  request.url = std::move(token_url);
  request.body = connectors::form_encode(
      {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", std::move(assertion)}});
  return request;
}

std::optional<std::string> cached_access_token(const manifest::Auth& auth, const AccountConfig& account) {
  const std::string key = cache_key(auth, account);
  std::lock_guard lock(store().mutex);
  auto found = store().tokens.find(key);
  if (found == store().tokens.end() || Clock::now() >= found->second.renew_at) return std::nullopt;
  return found->second.token;
}

HttpRequest token_request(const manifest::ConnectorManifest& connector, const manifest::Auth& auth,
                          const AccountConfig& account) {
  HttpRequest request;
  try {
    request = auth.kind == AuthKind::GoogleServiceAccount
                  ? google_request(auth, account)
                  : oauth2_request(auth, account, std::string(account.text(auth.token_url_field, auth.token_url)));
  } catch (const std::runtime_error& error) {
    throw std::runtime_error(fmt::format("{}: {}", failure_lead(connector, account), error.what()));
  }
  request.method = "POST";
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("Accept", "application/json");
  // Asked for once a token lifetime: no connection is kept open for the next one.
  request.headers.emplace_back("Connection", "close");
  request.insecure_tls = account.insecure_tls;
  return request;
}

std::string take_token_answer(const manifest::ConnectorManifest& connector, const manifest::Auth& auth,
                              const AccountConfig& account, const HttpResponse& response) {
  const auto answer = connectors::parse_json(response.body);
  if (response.ok() && (!answer || !answer->IsObject())) {
    // A form-encoded answer (`access_token=...`) is not quoted: it would put the token in the error.
    const bool may_hold_token = response.body.find("access_token") != std::string::npos;
    throw TokenError(fmt::format("{}: the response is {}", failure_lead(connector, account),
                                 may_hold_token ? "not JSON" : connectors::not_json_text(response)),
                     response.status);
  }
  std::string token = answer && answer->IsObject() ? connectors::text_field(*answer, "access_token") : std::string();
  if (!response.ok() || token.empty()) {
    const std::string why = response.ok() ? "the answer has no access_token" : connectors::error_text(response);
    throw TokenError(fmt::format("{} (HTTP {}): {}", failure_lead(connector, account), response.status, why),
                     response.status);
  }
  redactor().add(token);
  // A lifetime is taken between a second and a day; a short one is renewed at its last fifth, not
  // a minute early (which would be before it was issued).
  const auto lifetime = std::chrono::seconds(
      std::clamp<long long>(connectors::integer_field(*answer, "expires_in", kDefaultLifetime.count()), 1, 86'400));
  const auto margin = std::min<std::chrono::seconds>(kRenewMargin, lifetime / 5);
  std::string rotated = connectors::text_field(*answer, "refresh_token");
  const std::string key = cache_key(auth, account);
  std::lock_guard lock(store().mutex);
  store().tokens[key] = CachedToken{token, Clock::now() + lifetime - margin};
  if (auth.kind == AuthKind::OAuth2Refresh && !rotated.empty()) {
    redactor().add(rotated);
    store().rotated_refresh_tokens[std::string(account.text(auth.refresh_token))] = std::move(rotated);
  }
  return token;
}

// Fetches run one at a time: rows that start together wait for the first one's token.
std::mutex& fetch_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

bool fetches_token(const manifest::Auth& auth) {
  return auth.kind == AuthKind::OAuth2ClientCredentials || auth.kind == AuthKind::OAuth2Refresh ||
         auth.kind == AuthKind::GoogleServiceAccount;
}

std::string access_token(const manifest::ConnectorManifest& connector, const manifest::Auth& auth,
                         const AccountConfig& account, HttpClient& http) {
  if (auto cached = cached_access_token(auth, account)) return *std::move(cached);
  std::lock_guard fetching(fetch_mutex());
  if (auto cached = cached_access_token(auth, account)) return *std::move(cached);  // fetched meanwhile
  HttpResponse response = http.perform(token_request(connector, auth, account), account.retry);
  if (!response.error.empty()) throw TokenError(fmt::format("{}: {}", failure_lead(connector, account), response.error), 0);
  return take_token_answer(connector, auth, account, response);
}

std::string access_token(const manifest::ConnectorManifest& connector, const manifest::Auth& auth,
                         const AccountConfig& account) {
  static HttpClient client;  // only for token requests, one at a time (fetch_mutex)
  return access_token(connector, auth, account, client);
}

void forget_access_token(const manifest::Auth& auth, const AccountConfig& account) {
  const std::string key = cache_key(auth, account);
  std::lock_guard lock(store().mutex);
  store().tokens.erase(key);
}

void clear_access_tokens() {
  std::lock_guard lock(store().mutex);
  store().tokens.clear();
  store().rotated_refresh_tokens.clear();
}

}  // namespace flowc::runtime::manifest_engine
