// Turns a failed response into the service's own words, so `NAME.errors` reads like the service's
// documentation rather than like our code. Shared by every connector.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "runtime/http.hpp"

namespace flowc::runtime::connectors {

// The message inside a JSON error body: `message` (plus Rails-style `errors: {field: [...]}` details),
// `error.message` (Google), `error_description` (OAuth), `description` (Telegram), `error` as a
// string. Empty when the body has none of these.
std::string json_error_message(const rapidjson::Value& body);

// What went wrong with `response`: the JSON message above, else the start of the body (at most
// 300 bytes, cut on a UTF-8 boundary), else curl's transport error, else "HTTP <status>".
std::string error_text(const HttpResponse& response);

// `text` with every occurrence of `secret` replaced by "***" (tokens that live in URLs).
std::string redact(std::string text, std::string_view secret);

}  // namespace flowc::runtime::connectors
