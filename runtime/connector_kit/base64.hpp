// Base64 (RFC 4648) for MIME encoded-words and base64url for JSON Web Tokens.
#pragma once

#include <string>
#include <string_view>

namespace flowc::runtime::connectors {

std::string base64_encode(std::string_view bytes);     // standard alphabet, '=' padding
std::string base64url_encode(std::string_view bytes);  // URL-safe alphabet, no padding

}  // namespace flowc::runtime::connectors
