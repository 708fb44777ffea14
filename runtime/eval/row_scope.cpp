#include "runtime/eval/row_scope.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include "base/json/json_writer.hpp"
#include "base/redactor.hpp"

namespace flowc::runtime {

const char* send_result_name(SendResult result) {
  switch (result) {
    case SendResult::Skipped: return "skipped";
    case SendResult::Success: return "success";
    case SendResult::Fail: return "fail";
  }
  return "skipped";
}

std::string iso8601_now() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::string unset_env_placeholder(const std::string& name) { return "<unset env." + name + ">"; }

bool mentions_unset_env(std::string_view text) { return text.find("<unset env.") != std::string_view::npos; }

namespace {

Lookup found(std::string text) { return Lookup{true, std::move(text), {}}; }
Lookup missing(std::string error) { return Lookup{false, {}, std::move(error)}; }

// A response value as text: strings as they are, numbers as written, objects as compact JSON.
std::string json_text(const rapidjson::Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (value.IsNull()) return {};
  if (value.IsBool()) return value.GetBool() ? "true" : "false";
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  return to_json(value);
}

// Rows read the same few variables over and over: each value is handed to the redactor (a lock
// and a search) only the first time this thread sees it. getenv's pointer identifies the value;
// setenv gives a changed variable a new one, which is then registered too.
void register_secret_once(const char* value) {
  thread_local std::vector<const char*> registered;
  if (std::find(registered.begin(), registered.end(), value) != registered.end()) return;
  redactor().add(value);
  registered.push_back(value);
}

}  // namespace

Lookup RowScope::lookup(const ir::Ref& ref) const {
  switch (ref.root) {
    case ir::RefRoot::Row: return lookup_row(ref);
    case ir::RefRoot::Send: return lookup_send(ref);
    case ir::RefRoot::Env: return lookup_env(ref);
    case ir::RefRoot::Flow:
      if (ref.path.size() == 1 && ref.path[0] == "name") return found(facts_.flow_name);
      if (ref.path.size() == 1 && ref.path[0] == "file") return found(facts_.flow_file);
      break;
    case ir::RefRoot::Run:
      if (ref.path.size() == 1 && ref.path[0] == "id") return found(facts_.run_id);
      if (ref.path.size() == 1 && ref.path[0] == "started_at") return found(facts_.started_at);
      break;
    case ir::RefRoot::Now: return found(iso8601_now());
  }
  return missing(fmt::format("unknown reference {}", ref.dotted()));
}

const std::string* RowScope::text_in_place(const ir::Ref& ref) const {
  if (ref.root == ir::RefRoot::Send) return placeholder(ref);
  if (ref.root != ir::RefRoot::Row || row_ == nullptr || ref.path.empty()) return nullptr;
  if (const std::string* cell = facts_.columns.find(*row_, &ref, ref.path[0])) return cell;
  return row_number(ref.path[0]);
}

// `row.number` where no column has that name, as lookup_row() gives it, written into the scope
// (once: the scope has one row) so that it is read in place like a cell; null for any other column.
const std::string* RowScope::row_number(const std::string& column) const {
  if (column != "number") return nullptr;
  if (number_text_.empty()) number_text_ = std::to_string(row_->number);
  return &number_text_;
}

// "{{NAME.field}}" for a send reference in a dry run, where lookup_send() would give it; null
// otherwise (and then lookup() answers).
const std::string* RowScope::placeholder(const ir::Ref& ref) const {
  if (!facts_.placeholders_for_sends || sends_ == nullptr) return nullptr;
  if (const auto known = facts_.placeholders.find(&ref); known != facts_.placeholders.end()) return &known->second;
  if (ref.path.empty() || !facts_.send_index.contains(ref.send)) return nullptr;
  return &facts_.placeholders.emplace(&ref, "{{" + ref.dotted() + "}}").first->second;
}

Lookup RowScope::lookup_row(const ir::Ref& ref) const {
  if (row_ == nullptr || ref.path.empty()) return missing(fmt::format("{} is not available here", ref.dotted()));
  const std::string& column = ref.path[0];
  if (const std::string* cell = facts_.columns.find(*row_, &ref, column)) return found(*cell);
  if (const std::string* number = row_number(column)) return found(*number);
  return missing(fmt::format("row {} has no column \"{}\"", row_->number, column));
}

Lookup RowScope::lookup_send(const ir::Ref& ref) const {
  const auto index = facts_.send_index.find(ref.send);
  if (sends_ == nullptr || index == facts_.send_index.end() || ref.path.empty()) {
    return missing(fmt::format("{} is not available here", ref.dotted()));
  }
  if (facts_.placeholders_for_sends) return found(*placeholder(ref));  // the checks above hold
  const SendState& state = (*sends_)[static_cast<std::size_t>(index->second)];
  const std::string& field = ref.path[0];
  if (ref.path.size() == 1 && field == "result") return found(send_result_name(state.result));
  if (ref.path.size() == 1 && field == "errors") return found(state.errors);
  if (ref.path.size() == 1 && field == "status") return found(std::to_string(state.status));

  // A text answer has only its `body`: any other field would read as a silent empty value.
  if (!state.not_json.empty() && field != "body") {
    return missing(fmt::format("{} cannot be read: the response of {} is {}", ref.dotted(), ref.send, state.not_json));
  }
  // A response field; a send that did not run (or returned no such field) reads as empty.
  const rapidjson::Value* value = &state.response;
  for (const std::string& part : ref.path) {
    if (!value->IsObject()) return found({});
    const auto member = value->FindMember(part.c_str());
    if (member == value->MemberEnd()) return found({});
    value = &member->value;
  }
  return found(json_text(*value));
}

Lookup RowScope::lookup_env(const ir::Ref& ref) const {
  if (ref.path.empty()) return missing("env needs a variable name");
  // Read at the moment of use, never cached. Every value read is masked in all output from now on,
  // whatever its name: a whole webhook URL (SLACK_WEBHOOK_URL) is as secret as an API key.
  const char* value = std::getenv(ref.path[0].c_str());
  if (value == nullptr && facts_.placeholders_for_unset_env) return found(unset_env_placeholder(ref.path[0]));
  if (value == nullptr) return missing(fmt::format("environment variable {} is not set", ref.path[0]));
  register_secret_once(value);
  return found(value);
}

}  // namespace flowc::runtime
