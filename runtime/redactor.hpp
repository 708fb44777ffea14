// Keeps secret values out of everything flowc prints: every value read from the environment
// for an account's secret field is registered here, and all output passes through redact().
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::runtime {

class Redactor {
 public:
  static constexpr std::string_view kMask = "[redacted]";

  // Remembers `secret` (values shorter than 4 bytes are not masked: they would hide ordinary text).
  void add(std::string_view secret);
  // `text` with every registered secret, and any Telegram-style `/bot<token>/` path, masked.
  std::string redact(std::string_view text) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> secrets_;
};

// The process-wide redactor used by the runtime and the CLI.
Redactor& redactor();

}  // namespace flowc::runtime
