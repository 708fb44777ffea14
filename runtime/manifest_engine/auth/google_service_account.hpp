// Google's service-account sign-in (https://developers.google.com/identity/protocols/oauth2/service-account),
// the manifest's named built-in auth `google_service_account`: an RS256-signed JWT made from the
// account's key file, which access_tokens.hpp exchanges at the token endpoint for an access token.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace flowc::runtime::manifest_engine {

// The parts of a service account's JSON key file the sign-in needs.
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

}  // namespace flowc::runtime::manifest_engine
