// SHA-256 as lower-case hex, from OpenSSL's libcrypto.
#pragma once

#include <string>
#include <string_view>

namespace flowc::runtime::state {

std::string sha256_hex(std::string_view bytes);

}  // namespace flowc::runtime::state
