#include "tools/flowtest/expectations.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/json/json_util.hpp"
#include "base/json/json_writer.hpp"
#include "connectors/list.hpp"
#include "runtime/connector.hpp"

namespace flowc::flowtest {

namespace {

using SendMap = std::map<std::string, const ir::Send*>;

SendMap sends_by_name(const ir::Flow& flow) {
  SendMap sends;
  ir::for_each_send(flow.steps, [&sends](const ir::Send& send) { sends[send.name] = &send; });
  return sends;
}

// The send `where`.`name` refers to; a name the flow lacks is a mistake in the test file.
const ir::Send& named_send(const SendMap& sends, const std::string& name, const std::string& where,
                           const std::string& file) {
  if (auto found = sends.find(name); found != sends.end()) return *found->second;
  std::string known;
  for (const auto& entry : sends) known += (known.empty() ? "" : ", ") + entry.first;
  throw SpecError(
      fmt::format("{}: {}.{}: the flow has no send named \"{}\" (its sends: {})", file, where, name, name, known));
}

void check_outcomes(const SendMap& sends, const std::map<std::string, Outcome>& outcomes, const std::string& where,
                    const std::string& file) {
  for (const auto& [name, outcome] : outcomes) {
    const std::string& connector = named_send(sends, name, where, file).connector;
    if (!outcome.success && runtime::connectors::installed_connectors().transport_of(connector) != runtime::Transport::Http) {
      throw SpecError(fmt::format("{}: {}.{}: a {} send cannot be made to fail in a test; its stand-in accepts all",
                                  file, where, name, connector));
    }
  }
}

// "fail (status 422: title can't be blank)", so a wrong result shows why at once.
std::string describe(const ActualSend& send) {
  std::string text = runtime::send_result_name(send.result);
  if (send.result != runtime::SendResult::Fail) return text;
  return fmt::format("{} (status {}: {})", text, send.status, send.errors);
}

// What the send transmitted last (the update after a search, the last part of a long message),
// parsed; a body that is not JSON is compared as one string.
rapidjson::Document last_sent(const ActualSend& send) {
  rapidjson::Document body;
  if (auto parsed = json::parse_json(send.sent.back())) return std::move(*parsed);
  body.SetString(send.sent.back().c_str(), body.GetAllocator());
  return body;
}

void compare_send(const std::string& name, const SendExpectation& expected, const ActualSend& actual,
                  std::vector<Difference>& out) {
  if (expected.result && *expected.result != runtime::send_result_name(actual.result))
    out.push_back({name + ".result", *expected.result, describe(actual)});
  if (expected.status && *expected.status != actual.status)
    out.push_back({name + ".status", std::to_string(*expected.status), std::to_string(actual.status)});
  if (expected.errors_contains && actual.errors.find(*expected.errors_contains) == std::string::npos)
    out.push_back({name + ".errors", fmt::format("a text containing \"{}\"", *expected.errors_contains),
                   fmt::format("\"{}\"", actual.errors)});
  const std::pair<const Json*, MatchMode> checks[] = {{&expected.sent, MatchMode::Partial},
                                                      {&expected.sent_exact, MatchMode::Exact},
                                                      {&expected.sent_contains, MatchMode::Contains}};
  for (const auto& [wanted, mode] : checks) {
    if (!*wanted) continue;
    if (actual.sent.empty()) {
      out.push_back({name + ".sent", to_json(**wanted), "nothing was sent"});
      continue;
    }
    rapidjson::Document body = last_sent(actual);
    match_json(**wanted, &body, name + ".sent", mode, out);
  }
}

CaseResult compare_row(const RowCase& row, const SendMap& sends, const ActualRow* actual) {
  CaseResult result{row.name, row.number, {}};
  static const ActualRow kNeverSeen;
  if (actual == nullptr) actual = &kNeverSeen;
  if (row.filtered_out && *row.filtered_out != actual->filtered_out) {
    auto fate = [](bool filtered) { return filtered ? "filtered out by the source's `where`" : "passes `where`"; };
    result.differences.push_back({"row", fate(*row.filtered_out), fate(actual->filtered_out)});
  }
  // Without `filtered_out` in the test, a row the `where` dropped would only show up as sends
  // that did not run; say why.
  const bool expects_a_send = std::ranges::any_of(
      row.expect, [](const auto& entry) { return entry.second.result && *entry.second.result != "skipped"; });
  if (!row.filtered_out && actual->filtered_out && expects_a_send)
    result.differences.push_back({"row", "passes `where`", "filtered out by the source's `where`"});
  if (!actual->error.empty()) result.differences.push_back({"row", "no data error", actual->error});
  // A request for a real host cannot be answered by the test (and never leaves the machine).
  for (const auto& [name, send] : sends) {
    const auto index = static_cast<std::size_t>(send->index);
    if (index >= actual->sends.size()) continue;
    for (const std::string& request : actual->sends[index].blocked) {
      result.differences.push_back({name + ".request", "a url on the account's base_url, which the test answers",
                                    request + " (blocked: flow tests never use the network)"});
    }
  }
  for (const auto& [name, expected] : row.expect) {
    const ir::Send& send = *sends.at(name);
    ActualSend skipped;
    const auto index = static_cast<std::size_t>(send.index);
    const ActualSend& sent = index < actual->sends.size() ? actual->sends[index] : skipped;
    compare_send(name, expected, sent, result.differences);
  }
  return result;
}

}  // namespace

void check_send_names(const TestSpec& spec, const ir::Flow& flow) {
  const SendMap sends = sends_by_name(flow);
  check_outcomes(sends, spec.outcomes, "outcomes", spec.file);
  for (std::size_t i = 0; i < spec.rows.size(); ++i) {
    const RowCase& row = spec.rows[i];
    check_outcomes(sends, row.outcomes, fmt::format("rows[{}].outcomes", i), spec.file);
    for (const auto& entry : row.expect) named_send(sends, entry.first, fmt::format("rows[{}].expect", i), spec.file);
  }
}

std::vector<CaseResult> compare_rows(const TestSpec& spec, const ir::Flow& flow,
                                     const std::map<std::uint64_t, ActualRow>& rows) {
  const SendMap sends = sends_by_name(flow);
  std::vector<CaseResult> results;
  for (const RowCase& row : spec.rows) {
    auto found = rows.find(row.number);
    results.push_back(compare_row(row, sends, found == rows.end() ? nullptr : &found->second));
  }
  return results;
}

}  // namespace flowc::flowtest
