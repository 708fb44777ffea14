// Keeps URLs out of error texts: a URL may carry a token (Telegram's /bot<token>/, ?key=...,
// user:password@ for SMTP), and error texts end up in logs and run reports.
#pragma once

#include <string>
#include <string_view>

namespace flowc {

// `text` with the URL, its user info, its path and query, and every longer piece of them replaced
// by "[redacted]". The scheme and host stay: they are what a reader needs to locate the failure.
std::string redact_url(std::string text, std::string_view url);

}  // namespace flowc
