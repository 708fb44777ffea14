#include "runtime/state/run_records.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace flowc::runtime::state {
namespace {

constexpr std::array<std::pair<RunOutcome, std::string_view>, 5> kRunOutcomes = {{
    {RunOutcome::running, "running"},
    {RunOutcome::completed, "completed"},
    {RunOutcome::failed, "failed"},
    {RunOutcome::interrupted, "interrupted"},
    {RunOutcome::stopped, "stopped"},
}};

constexpr std::array<std::pair<SendResult, std::string_view>, 4> kSendResults = {{
    {SendResult::success, "success"},
    {SendResult::fail, "fail"},
    {SendResult::skipped, "skipped"},
    {SendResult::uncertain, "uncertain"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  throw std::invalid_argument("value out of range");
}

template <typename Enum, std::size_t N>
Enum value_of(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view text) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  throw std::invalid_argument("unknown value '" + std::string(text) + "'");
}

bool any_send(const RowRecord& row, auto predicate) {
  return std::any_of(row.sends.begin(), row.sends.end(), predicate);
}

}  // namespace

std::string_view to_string(RunOutcome outcome) {
  return name_of(kRunOutcomes, outcome);
}
std::string_view to_string(SendResult result) {
  return name_of(kSendResults, result);
}
RunOutcome parse_run_outcome(std::string_view text) {
  return value_of(kRunOutcomes, text);
}
SendResult parse_send_result(std::string_view text) {
  return value_of(kSendResults, text);
}

bool RowRecord::reached_end() const {
  return error.empty() && !any_send(*this, [](const SendRecord& send) { return send.result == SendResult::uncertain; });
}

bool RowRecord::needs_retry() const {
  if (repeated_key) return false;
  return !reached_end() || any_send(*this, [](const SendRecord& send) { return send.unhandled; });
}

bool RowRecord::troubled() const {
  return !error.empty() || any_send(*this, [](const SendRecord& send) {
    return send.result == SendResult::fail || send.result == SendResult::uncertain;
  });
}

}  // namespace flowc::runtime::state
