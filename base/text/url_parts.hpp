// A URL cut into the parts that may carry credentials, for the code that keeps secrets out of
// output (base/redactor.hpp, base/http_redact.hpp). Views into the URL, no validation.
#pragma once

#include <string_view>
#include <vector>

namespace flowc {

// "scheme://userinfo@host:port/path?query#fragment"; without "://" the whole text is authority
// and rest, and scheme is empty.
struct UrlParts {
  std::string_view scheme;    // "scheme://"
  std::string_view userinfo;  // before '@' in the authority, may hold a password
  std::string_view host;      // "host:port"
  std::string_view rest;      // path, query and fragment
};

UrlParts split_url(std::string_view url);

// `text` cut at every one of `separators`, empty pieces included.
std::vector<std::string_view> split_pieces(std::string_view text, std::string_view separators);

}  // namespace flowc
