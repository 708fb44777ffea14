// Access tokens for the auth kinds that fetch one from a token endpoint: OAuth 2 client
// credentials and refresh token (RFC 6749 4.4 and 6) and Google's service account (a signed JWT,
// google_service_account.hpp). A token is kept in memory until a minute before it expires, shared
// by every request of every account with the same credentials, and masked in all output; nothing
// of it is written to state or logs.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "ir/manifest/connector_manifest.hpp"
#include "runtime/connector.hpp"
#include "runtime/http/http.hpp"

namespace flowc::runtime::manifest_engine {

// A token the endpoint refused or could not give: its message, and the HTTP status (0 when none came).
class TokenError : public std::runtime_error {
 public:
  TokenError(const std::string& message, int status) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// Whether `auth` is performed with a fetched access token (`Authorization: Bearer <token>`).
bool fetches_token(const manifest::Auth& auth);

// The token for `auth` on `account`: the cached one while it lasts, else one fetched now through
// `http` with the account's retry policy and TLS setting. One fetch at a time in the process, so
// rows that start together share one token and a refresh token is never sent twice at once.
// Throws TokenError (a key file that cannot be read: std::runtime_error) with the service's own
// message, naming the connector and the account, never a credential.
std::string access_token(const manifest::ConnectorManifest& connector, const manifest::Auth& auth,
                         const AccountConfig& account, HttpClient& http);
// The same through the process's own client, for a send's exchange (which has none): a fetch
// blocks the run's event loop for one round trip, once per token lifetime.
std::string access_token(const manifest::ConnectorManifest& connector, const manifest::Auth& auth,
                         const AccountConfig& account);

// Drops the cached token (the service refused it before it was due to expire).
void forget_access_token(const manifest::Auth& auth, const AccountConfig& account);
// Empties the cache (tests).
void clear_access_tokens();

}  // namespace flowc::runtime::manifest_engine
