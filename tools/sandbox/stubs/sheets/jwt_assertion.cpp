#include "tools/sandbox/stubs/sheets/jwt_assertion.hpp"

#include <rapidjson/document.h>

#include <vector>

#include "tools/sandbox/json_text.hpp"

namespace flowc::sandbox {

namespace {

constexpr long long kMaxLifetimeSeconds = 3600;
constexpr long long kClockSkewSeconds = 300;

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::vector<std::string_view> split_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto dot = text.find('.', start);
    parts.push_back(text.substr(start, dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

bool decode_json_part(std::string_view part, rapidjson::Document& doc) {
  auto text = decode_base64url(part);
  return text && !parse_json_document(doc, *text).IsError() && doc.IsObject();
}

bool has_string(const rapidjson::Document& doc, const char* name) {
  return doc.HasMember(name) && doc[name].IsString() && doc[name].GetStringLength() > 0;
}

bool has_integer(const rapidjson::Document& doc, const char* name) {
  return doc.HasMember(name) && doc[name].IsInt64();
}

}  // namespace

std::optional<std::string> decode_base64url(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value = base64url_value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::optional<std::string> jwt_assertion_problem(std::string_view assertion, long long now_seconds) {
  auto parts = split_dots(assertion);
  if (parts.size() != 3 || parts[2].empty()) return "Invalid JWT: the assertion must be header.payload.signature";
  rapidjson::Document header;
  rapidjson::Document claims;
  if (!decode_json_part(parts[0], header) || !decode_json_part(parts[1], claims)) {
    return "Invalid JWT: header and payload must be base64url-encoded JSON objects";
  }
  if (!header.HasMember("alg") || !header["alg"].IsString() || std::string_view(header["alg"].GetString()) != "RS256") {
    return "Invalid JWT: the alg must be RS256";
  }
  for (const char* claim : {"iss", "scope", "aud"}) {
    if (!has_string(claims, claim)) return std::string("Invalid JWT: missing claim ") + claim;
  }
  if (!has_integer(claims, "iat") || !has_integer(claims, "exp")) return "Invalid JWT: missing claim iat or exp";
  long long iat = claims["iat"].GetInt64();
  long long exp = claims["exp"].GetInt64();
  if (exp <= iat || exp - iat > kMaxLifetimeSeconds || iat > now_seconds + kClockSkewSeconds ||
      exp < now_seconds - kClockSkewSeconds) {
    return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your "
           "iat and exp values in the JWT claim.";
  }
  return std::nullopt;
}

}  // namespace flowc::sandbox
