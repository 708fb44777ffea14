#include "runtime/flowtest/expectations.hpp"

#include <fmt/format.h>

#include "runtime/connectors/json_util.hpp"

namespace flowc::flowtest {

namespace {

std::map<std::string, const ir::Send*> sends_by_name(const ir::Flow& flow) {
  std::map<std::string, const ir::Send*> sends;
  ir::for_each_send(flow.steps, [&sends](const ir::Send& send) { sends[send.name] = &send; });
  return sends;
}

void check_names(const std::map<std::string, const ir::Send*>& sends, const std::map<std::string, Outcome>& outcomes,
                 const std::string& where, const std::string& file) {
  for (const auto& [name, outcome] : outcomes) {
    auto found = sends.find(name);
    if (found == sends.end()) {
      std::string known;
      for (const auto& entry : sends) known += (known.empty() ? "" : ", ") + entry.first;
      throw SpecError(
          fmt::format("{}: {}.{}: the flow has no send named \"{}\" (its sends: {})", file, where, name, name, known));
    }
    const std::string& connector = found->second->connector;
    if (!outcome.success && (connector == "email" || connector == "csv")) {
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
  if (auto parsed = runtime::connectors::parse_json(send.sent.back())) return std::move(*parsed);
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
      out.push_back({name + ".sent", runtime::connectors::to_json(**wanted), "nothing was sent"});
      continue;
    }
    rapidjson::Document body = last_sent(actual);
    match_json(**wanted, &body, name + ".sent", mode, out);
  }
}

CaseResult compare_row(const RowCase& row, const std::map<std::string, const ir::Send*>& sends,
                       const ActualRow* actual) {
  CaseResult result{row.name, row.number, {}};
  static const ActualRow kNeverSeen;
  if (actual == nullptr) actual = &kNeverSeen;
  if (row.filtered_out && *row.filtered_out != actual->filtered_out) {
    auto fate = [](bool filtered) { return filtered ? "filtered out by the source's `where`" : "passes `where`"; };
    result.differences.push_back({"row", fate(*row.filtered_out), fate(actual->filtered_out)});
  }
  if (!actual->error.empty()) result.differences.push_back({"row", "no data error", actual->error});
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
  const auto sends = sends_by_name(flow);
  check_names(sends, spec.outcomes, "outcomes", spec.file);
  for (std::size_t i = 0; i < spec.rows.size(); ++i) {
    const RowCase& row = spec.rows[i];
    check_names(sends, row.outcomes, fmt::format("rows[{}].outcomes", i), spec.file);
    std::map<std::string, Outcome> expected_names;  // the same name check for expectations
    for (const auto& entry : row.expect) expected_names[entry.first] = Outcome{true, nullptr, 0, {}};
    check_names(sends, expected_names, fmt::format("rows[{}].expect", i), spec.file);
  }
}

std::vector<CaseResult> compare_rows(const TestSpec& spec, const ir::Flow& flow,
                                     const std::map<std::uint64_t, ActualRow>& rows) {
  const auto sends = sends_by_name(flow);
  std::vector<CaseResult> results;
  for (const RowCase& row : spec.rows) {
    auto found = rows.find(row.number);
    results.push_back(compare_row(row, sends, found == rows.end() ? nullptr : &found->second));
  }
  return results;
}

}  // namespace flowc::flowtest
