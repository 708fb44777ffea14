// Access tokens for the auth kinds that fetch one from a token endpoint: OAuth 2 client
// credentials and refresh token (RFC 6749 4.4 and 6) and Google's service account (a signed JWT,
// google_service_account.hpp). A token is kept in memory until a minute before it expires, shared
// by every request of every account with the same credentials, and masked in all output; nothing
// of it is written to state or logs.
#pragma once

#include <optional>
#include <string>

#include "ir/manifest/connector_manifest.hpp"
#include "runtime/connector.hpp"
#include "runtime/http/http.hpp"

namespace flowc::runtime::manifest_engine {

// Whether `auth` is performed with a fetched access token (`Authorization: Bearer <token>`).
bool fetches_token(const manifest::Auth& auth);

// The token for `auth` on `account`: the cached one while it lasts, else one fetched now through
// `http` with the account's retry policy and TLS setting. Throws std::runtime_error with the
// service's own message, naming the connector and the account, never a credential.
std::string access_token(const manifest::ConnectorManifest& connector, const manifest::Auth& auth,
                         const AccountConfig& account, HttpClient& http);

// The same in two steps, for an exchange that must not block: the cached token if there is one;
// else the request that fetches it, whose answer take_token_answer reads (and caches).
std::optional<std::string> cached_access_token(const manifest::Auth& auth, const AccountConfig& account);
HttpRequest token_request(const manifest::ConnectorManifest& connector, const manifest::Auth& auth,
                          const AccountConfig& account);
std::string take_token_answer(const manifest::ConnectorManifest& connector, const manifest::Auth& auth,
                              const AccountConfig& account, const HttpResponse& response);

// Drops the cached token (the service refused it before it was due to expire).
void forget_access_token(const manifest::Auth& auth, const AccountConfig& account);
// Empties the cache (tests).
void clear_access_tokens();

}  // namespace flowc::runtime::manifest_engine
