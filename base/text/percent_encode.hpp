// RFC 3986 percent-encoding, shared by the `urlencode` template filter and the connectors
// that build URLs and form bodies.
#pragma once

#include <string>
#include <string_view>

namespace flowc {

// Every byte but the unreserved characters (A-Z a-z 0-9 - . _ ~) becomes %XX; locale-independent.
std::string percent_encode(std::string_view text);
// The same, appended to `out`.
void append_percent_encoded(std::string& out, std::string_view text);

}  // namespace flowc
