// Removal of URL parts from texts that leave the HTTP client.
#include "base/http_redact.hpp"

#include <algorithm>
#include <vector>

namespace flowc {

namespace {

constexpr std::string_view kRedacted = "[redacted]";
// Pieces shorter than this ("v1", "api", "send") are not secrets and redacting them would shred
// otherwise useful text; tokens and keys are far longer.
constexpr std::size_t kShortestSecret = 6;

struct UrlParts {
  std::string_view userinfo;  // before '@' in the authority, may hold a password
  std::string_view rest;      // path, query and fragment
};

UrlParts split_url(std::string_view url) {
  UrlParts parts;
  std::size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  const std::size_t end = std::min(url.find_first_of("/?#", start), url.size());
  const std::string_view authority = url.substr(start, end - start);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos)
    parts.userinfo = authority.substr(0, at);
  parts.rest = url.substr(end);
  return parts;
}

void add_pieces(std::string_view text, std::string_view separators, std::vector<std::string_view>& out) {
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find_first_of(separators, begin), text.size());
    out.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
}

void replace_all(std::string& text, std::string_view needle) {
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + kRedacted.size())) {
    text.replace(at, needle.size(), kRedacted);
  }
}

}  // namespace

std::string redact_url(std::string text, std::string_view url) {
  const UrlParts parts = split_url(url);
  std::vector<std::string_view> needles{url, parts.userinfo, parts.rest};
  add_pieces(parts.userinfo, ":", needles);
  add_pieces(parts.rest, "/?&=#;:@,+", needles);
  needles.erase(std::remove_if(needles.begin(), needles.end(),
                               [](std::string_view piece) { return piece.size() < kShortestSecret; }),
                needles.end());
  // Longest first, so a whole URL is replaced before its pieces would break it apart.
  std::sort(needles.begin(), needles.end(), [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  for (std::string_view needle : needles) replace_all(text, needle);
  return text;
}

}  // namespace flowc
