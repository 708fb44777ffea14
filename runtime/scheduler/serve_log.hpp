// What `flowc serve` prints: one line per event (a flow served, a run started, skipped or ended),
// as text for a person or as JSON lines for a log collector. Safe to call from run threads.
#pragma once

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace flowc::runtime::scheduler {

class ServeLog {
 public:
  using Value = std::variant<std::string, std::int64_t, double>;
  using Fields = std::vector<std::pair<std::string, Value>>;

  ServeLog(std::FILE* out, bool json) : out_(out), json_(json) {}

  // Text: `2026-11-29T16:30:00.000Z end flow="orders" run=... rows_read=3`; JSON: the same as
  // an object with "time" and "event" first. Each line is flushed at once.
  void write(const std::string& event, const Fields& fields);

 private:
  std::FILE* out_;
  bool json_;
  std::mutex mutex_;
};

}  // namespace flowc::runtime::scheduler
