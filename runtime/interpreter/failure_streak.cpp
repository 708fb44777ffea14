#include "runtime/interpreter/failure_streak.hpp"

#include <fmt/format.h>

namespace flowc::runtime {
namespace {

// How a send failed, as far as "the same way" goes: the status tells one service error from
// another; without a response, the error text names the transport failure.
std::string way_of(const ir::Send& send, const SendState& state) {
  if (state.status != 0) return fmt::format("send {}: HTTP {}", send.name, state.status);
  return fmt::format("send {}: {}", send.name, state.errors);
}

// The way with each run of digits as one '#': transport errors carry timings ("after 3 ms")
// that differ from row to row although the failure is the same.
std::string without_numbers(const std::string& way) {
  std::string out;
  for (const char c : way) {
    const bool digit = c >= '0' && c <= '9';
    if (!digit) out += c;
    else if (out.empty() || out.back() != '#') out += '#';
  }
  return out;
}

}  // namespace

FailureStreak::FailureStreak(const ir::Flow& flow, int limit) : limit_(limit) {
  ir::for_each_send(flow.steps, [this](const ir::Send& send) { sends_.push_back(&send); });
}

void FailureStreak::add(const std::vector<SendState>& sends) {
  if (limit_ == 0) return;
  for (const ir::Send* send : sends_) {
    const SendState& state = sends[static_cast<std::size_t>(send->index)];
    if (state.result != SendResult::Fail) continue;
    shown_ = way_of(*send, state);
    std::string way = state.status != 0 ? shown_ : without_numbers(shown_);
    count_ = way == way_ ? count_ + 1 : 1;
    way_ = std::move(way);
    return;
  }
  count_ = 0;
  way_.clear();
}

std::string FailureStreak::reason() const {
  return fmt::format("{} rows in a row failed the same way ({}), the flow's stop_after_failures; rows not read "
                     "yet stay new",
                     count_, shown_);
}

}  // namespace flowc::runtime
