// Google OAuth 2.0 for service accounts (https://developers.google.com/identity/protocols/oauth2/service-account):
// an RS256-signed JWT is exchanged at the token endpoint for a short-lived access token, which is
// cached until shortly before it expires.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "runtime/http/http.hpp"

namespace flowc::runtime::connectors {

// The parts of a service account's JSON key file this flow needs.
struct ServiceAccountKey {
  std::string client_email;
  std::string private_key;  // PEM
  std::string token_uri;
};

// Reads and checks a key file. Throws std::runtime_error naming the file and the missing part
// (never the key itself).
ServiceAccountKey load_service_account_key(const std::string& path);

// `header.claims.signature`, each part base64url: claims iss, scope, aud, iat and exp = iat + 1h.
// Throws std::runtime_error when the private key cannot be read or used.
std::string service_account_jwt(const ServiceAccountKey& key, std::string_view scope, std::string_view audience,
                                std::chrono::system_clock::time_point now);

// An access token for `key` and `scope`, from the cache or from `token_url`. Throws
// std::runtime_error with Google's own message when the exchange fails. `insecure_tls` is the
// account's `insecure_tls = true`: the exchange, like the account's other requests, then skips TLS
// verification. A token fetched that way is cached apart and never handed to a verified account.
std::string service_account_token(const ServiceAccountKey& key, std::string_view token_url, std::string_view scope,
                                  HttpClient& http, const RetryPolicy& retry, bool insecure_tls = false);

// Empties the token cache (tests; a key that was revoked).
void clear_service_account_tokens();

}  // namespace flowc::runtime::connectors
