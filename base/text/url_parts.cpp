#include "base/text/url_parts.hpp"

#include <algorithm>

namespace flowc {

UrlParts split_url(std::string_view url) {
  UrlParts parts;
  const std::size_t scheme_end = url.find("://");
  const std::size_t authority_begin = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const std::size_t authority_end = std::min(url.find_first_of("/?#", authority_begin), url.size());
  const std::string_view authority = url.substr(authority_begin, authority_end - authority_begin);
  const std::size_t at = authority.rfind('@');
  parts.scheme = url.substr(0, authority_begin);
  parts.userinfo = at == std::string_view::npos ? std::string_view{} : authority.substr(0, at);
  parts.host = at == std::string_view::npos ? authority : authority.substr(at + 1);
  parts.rest = url.substr(authority_end);
  return parts;
}

std::vector<std::string_view> split_pieces(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> pieces;
  for (std::size_t begin = 0; begin <= text.size();) {
    const std::size_t end = std::min(text.find_first_of(separators, begin), text.size());
    pieces.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return pieces;
}

}  // namespace flowc
