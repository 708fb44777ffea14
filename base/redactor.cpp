#include "base/redactor.hpp"

#include <algorithm>
#include <cctype>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/text/percent_encode.hpp"
#include "base/text/url_parts.hpp"

namespace flowc {

namespace {

constexpr std::size_t kShortestSecret = 4;
// A path segment or query value of a secret URL is masked on its own when it is at least this long
// and mixes letters and digits, as tokens do ("bitrixsecret77", "T0123ABC"); shorter or plain words
// ("services", "rest", "v1") are the URL's structure and stay readable.
constexpr std::size_t kShortestUrlToken = 8;

std::string json_escaped(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  const std::string_view quoted(buffer.GetString(), buffer.GetSize());
  return std::string(quoted.substr(1, quoted.size() - 2));
}

bool looks_like_token(std::string_view piece) {
  const auto has = [piece](auto predicate) {
    return std::any_of(piece.begin(), piece.end(), [&](unsigned char c) { return predicate(c) != 0; });
  };
  return piece.size() >= kShortestUrlToken && has(::isdigit) && has(::isalpha);
}

void replace_all(std::string& text, std::string_view needle, std::string_view replacement) {
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + replacement.size())) {
    text.replace(at, needle.size(), replacement);
  }
}

// Telegram puts the bot token in the path: /bot123456:ABC-xyz/sendMessage.
void mask_bot_paths(std::string& text) {
  for (std::size_t at = text.find("/bot"); at != std::string::npos; at = text.find("/bot", at + 1)) {
    const std::size_t begin = at + 4;
    const std::size_t end = text.find('/', begin);
    if (end == std::string::npos) break;
    const std::string_view token(text.data() + begin, end - begin);
    if (token.find(':') == std::string_view::npos || token == Redactor::kMask) continue;
    text.replace(begin, token.size(), Redactor::kMask);
  }
}

}  // namespace

void Redactor::add_mask(std::string needle, std::string replacement) {
  if (needle.size() < kShortestSecret) return;
  const auto same = [&](const Mask& mask) { return mask.needle == needle; };
  if (std::any_of(masks_.begin(), masks_.end(), same)) return;
  // Longer needles first, so a secret containing another is masked whole.
  const auto at = std::find_if(masks_.begin(), masks_.end(),
                               [&](const Mask& mask) { return mask.needle.size() < needle.size(); });
  masks_.insert(at, Mask{std::move(needle), std::move(replacement)});
}

void Redactor::add(std::string_view secret) {
  if (secret.size() < kShortestSecret) return;
  std::lock_guard lock(mutex_);
  if (std::find(added_.begin(), added_.end(), secret) != added_.end()) return;
  added_.emplace_back(secret);
  const std::string mask(kMask);
  const UrlParts url = split_url(secret);
  if (!url.scheme.empty() && url.scheme != "://" && (!url.userinfo.empty() || url.rest.size() > 1)) {
    // Scheme and host stay readable; a trailing '/' stays, so a path joined after it still reads.
    std::string masked_rest;
    if (url.rest.size() > 1) masked_rest = url.rest.front() + mask + (secret.back() == '/' ? "/" : "");
    else masked_rest = std::string(url.rest);
    const std::string masked_userinfo = url.userinfo.empty() ? "" : mask + "@";
    add_mask(std::string(secret), std::string(url.scheme) + masked_userinfo + std::string(url.host) + masked_rest);
    add_mask(std::string(url.rest), masked_rest);
    add_mask(std::string(url.userinfo), mask);
    for (std::string_view piece : split_pieces(url.userinfo, ":")) add_mask(std::string(piece), mask);
    for (std::string_view piece : split_pieces(url.rest, "/?&=#;")) {
      if (looks_like_token(piece)) add_mask(std::string(piece), mask);
    }
  } else {
    add_mask(std::string(secret), mask);
  }
  // The forms the value takes inside other text: a JSON string, a percent-encoded URL part.
  add_mask(json_escaped(secret), mask);
  add_mask(percent_encode(secret), mask);
}

std::string Redactor::redact(std::string_view text) const {
  std::string out(text);
  {
    std::lock_guard lock(mutex_);
    for (const Mask& mask : masks_) replace_all(out, mask.needle, mask.replacement);
  }
  mask_bot_paths(out);
  return out;
}

Redactor& redactor() {
  static Redactor instance;
  return instance;
}

}  // namespace flowc
