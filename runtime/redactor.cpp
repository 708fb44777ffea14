#include "runtime/redactor.hpp"

#include <algorithm>

namespace flowc::runtime {

void Redactor::add(std::string_view secret) {
  if (secret.size() < 4) return;
  std::lock_guard lock(mutex_);
  if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
  secrets_.emplace_back(secret);
  // Longer secrets first, so a secret containing another is masked whole.
  std::sort(secrets_.begin(), secrets_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

namespace {

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

std::string Redactor::redact(std::string_view text) const {
  std::string out(text);
  {
    std::lock_guard lock(mutex_);
    for (const std::string& secret : secrets_) replace_all(out, secret, kMask);
  }
  mask_bot_paths(out);
  return out;
}

Redactor& redactor() {
  static Redactor instance;
  return instance;
}

}  // namespace flowc::runtime
