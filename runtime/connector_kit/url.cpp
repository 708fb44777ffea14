#include "runtime/connector_kit/url.hpp"

#include <cctype>

#include "base/text/percent_encode.hpp"

namespace flowc::runtime::connectors {

std::string url_encode(std::string_view text) { return percent_encode(text); }

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string encoded;
  for (const auto& [key, value] : pairs) {
    if (!encoded.empty()) encoded += '&';
    encoded += url_encode(key);
    encoded += '=';
    encoded += url_encode(value);
  }
  return encoded;
}

bool is_absolute_url(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return false;
  for (char c : url.substr(0, scheme_end)) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

std::string join_url(std::string_view base, std::string_view path, std::size_t more_bytes) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return std::string(base);
  std::string joined;
  joined.reserve(base.size() + 1 + path.size() + more_bytes);
  joined += base;
  joined += '/';
  joined += path;
  return joined;
}

void append_query_param(std::string& query, std::string_view name, std::string_view value) {
  if (!query.empty()) query += '&';
  append_percent_encoded(query, name);
  query += '=';
  append_percent_encoded(query, value);
}

}  // namespace flowc::runtime::connectors
