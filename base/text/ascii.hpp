// ASCII-only text helpers for protocol text (HTTP and SMTP lines, header names, env files), where
// the locale must play no part and non-ASCII bytes pass through untouched. Cell values, which may
// be any language, use base/text/utf8.hpp instead.
#pragma once

#include <string>
#include <string_view>

namespace flowc::ascii {

// Space, \t, \n, \v, \f, \r: what std::isspace means in the "C" locale, whatever the locale is.
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

// `text` with A-Z lowered to a-z; every other byte as it is.
std::string lower(std::string_view text);

}  // namespace flowc::ascii
