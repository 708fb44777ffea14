// URL building shared by the HTTP connectors.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowc::runtime::connectors {

// Percent-encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string url_encode(std::string_view text);

// `key=value&...` with both sides percent-encoded (query strings, form bodies).
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& pairs);

// Appends `name=value` to a query string (after a `&` unless it is empty), both encoded.
void append_query_param(std::string& query, std::string_view name, std::string_view value);

// True for `http://...` / `https://...` (any scheme followed by "://").
bool is_absolute_url(std::string_view url);

// `base` and `path` joined with exactly one slash between them, with room reserved for
// `more_bytes` that the caller appends.
std::string join_url(std::string_view base, std::string_view path, std::size_t more_bytes = 0);

}  // namespace flowc::runtime::connectors
