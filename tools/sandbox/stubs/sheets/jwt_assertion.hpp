// Checks the JWT a service account sends to Google's token endpoint (RFC 7523 jwt-bearer), so
// a connector's assertion is exercised for real. The signature is not verified: the sandbox has
// no service-account public key; everything else Google checks first is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flowc::sandbox {

// Google's `error_description` for a bad assertion, or nullopt when it is acceptable.
std::optional<std::string> jwt_assertion_problem(std::string_view assertion, long long now_seconds);

// RFC 4648 base64url without padding (padding tolerated); nullopt on other characters.
std::optional<std::string> decode_base64url(std::string_view text);

}  // namespace flowc::sandbox
