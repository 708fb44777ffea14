// Turns a failed response into the service's own words, so `NAME.errors` reads like the service's
// documentation rather than like our code. Shared by every connector.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "runtime/http/http.hpp"

namespace flowc::runtime::connectors {

// The message inside a JSON error body: `message` (plus Rails-style `errors: {field: [...]}` details),
// `error.message` (Google), `error_description` (OAuth), `description` (Telegram), `error` as a
// string. Empty when the body has none of these.
std::string json_error_message(const rapidjson::Value& body);

// What went wrong with `response`: the JSON message above, else the start of the body (at most
// 300 bytes, cut on a UTF-8 boundary), else curl's transport error, else "HTTP <status>".
std::string error_text(const HttpResponse& response);

// What a successful-looking response that is not JSON actually carried, for the error of a send
// that expects JSON: "not JSON (HTTP 200, Content-Type text/html): <html>...",
// with the first 200 bytes of the body made printable (line breaks and runs of blanks become one
// space, other control bytes and invalid UTF-8 become U+FFFD). The caller masks secrets.
std::string not_json_text(const HttpResponse& response);

// `text` with every occurrence of `secret` replaced by "***" (tokens that live in URLs).
std::string redact(std::string text, std::string_view secret);

}  // namespace flowc::runtime::connectors
