// Keeps secret values out of everything flowc prints: every value the run reads from the
// environment is registered here, and all output passes through redact().
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace flowc {

class Redactor {
 public:
  static constexpr std::string_view kMask = "[redacted]";

  // Remembers `secret` (values shorter than 4 bytes are not masked: they would hide ordinary text).
  // Also masked from then on: the forms the value takes inside output (JSON-escaped in a JSON log,
  // percent-encoded inside another URL), and, when the value is a URL, the parts of it that carry
  // credentials wherever they appear alone: its user info, its path and query (a request log shows
  // a path without its host), and token-like path segments and query values. A URL keeps its scheme
  // and host visible, so a reader still sees which service was called.
  void add(std::string_view secret);
  // `text` with every registered secret, and any Telegram-style `/bot<token>/` path, masked.
  std::string redact(std::string_view text) const;

 private:
  struct Mask {
    std::string needle;
    std::string replacement;
  };
  void add_mask(std::string needle, std::string replacement);  // requires mutex_ held

  mutable std::mutex mutex_;
  std::vector<std::string> added_;  // the values add() was given, to skip repeats cheaply
  std::vector<Mask> masks_;         // longest needle first
};

// The process-wide redactor used by the runtime and the CLI.
Redactor& redactor();

}  // namespace flowc
