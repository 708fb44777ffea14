// Removal of URL parts from texts that leave the HTTP client.
#include "base/http_redact.hpp"

#include <algorithm>
#include <vector>

#include "base/text/url_parts.hpp"

namespace flowc {

namespace {

constexpr std::string_view kRedacted = "[redacted]";
// Pieces shorter than this ("v1", "api", "send") are not secrets and redacting them would shred
// otherwise useful text; tokens and keys are far longer.
constexpr std::size_t kShortestSecret = 6;

void replace_all(std::string& text, std::string_view needle) {
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + kRedacted.size())) {
    text.replace(at, needle.size(), kRedacted);
  }
}

}  // namespace

std::string redact_url(std::string text, std::string_view url) {
  const UrlParts parts = split_url(url);
  std::vector<std::string_view> needles{url, parts.userinfo, parts.rest};
  for (std::string_view piece : split_pieces(parts.userinfo, ":")) needles.push_back(piece);
  for (std::string_view piece : split_pieces(parts.rest, "/?&=#;:@,+")) needles.push_back(piece);
  needles.erase(std::remove_if(needles.begin(), needles.end(),
                               [](std::string_view piece) { return piece.size() < kShortestSecret; }),
                needles.end());
  // Longest first, so a whole URL is replaced before its pieces would break it apart.
  std::sort(needles.begin(), needles.end(), [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  for (std::string_view needle : needles) replace_all(text, needle);
  return text;
}

}  // namespace flowc
