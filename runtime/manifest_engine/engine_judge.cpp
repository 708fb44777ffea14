#include "runtime/manifest_engine/engine_judge.hpp"

#include <algorithm>
#include <cmath>

#include "runtime/connector_kit/error_text.hpp"
#include "runtime/http/http_retry.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::manifest_engine {

namespace {

using connectors::member_path;

bool status_passes(const std::vector<manifest::StatusRange>& statuses, const HttpResponse& response) {
  if (!response.error.empty()) return false;
  if (statuses.empty()) return response.ok();
  return std::ranges::any_of(statuses, [&](const auto& range) { return range.contains(response.status); });
}

// `body.ok = true` holds for true (and the texts "true", "1", "yes", as services write flags); a
// quoted value compares with a string member, any other with the member's text.
bool equals(const rapidjson::Value* value, const std::string& expected) {
  if (value == nullptr) return false;
  if (expected == "true" || expected == "false") {
    if (value->IsBool()) return value->GetBool() == (expected == "true");
    auto text = connectors::scalar_text(value);
    return expected == "true" && text && (*text == "true" || *text == "1" || *text == "yes");
  }
  auto text = connectors::scalar_text(value);
  if (expected.size() >= 2 && expected.front() == '"')
    return value->IsString() && text && *text == expected.substr(1, expected.size() - 2);
  return text && *text == expected;
}

bool body_rules_hold(const manifest::SuccessRule& rule, const std::optional<rapidjson::Document>& parsed) {
  if (rule.equals.empty() && rule.present.empty() && rule.absent.empty()) return true;
  if (!parsed) return false;
  for (const auto& check : rule.equals)
    if (!equals(member_path(*parsed, check.path), check.value)) return false;
  for (const auto& path : rule.present)
    if (member_path(*parsed, path) == nullptr) return false;
  for (const auto& path : rule.absent)
    if (member_path(*parsed, path) != nullptr) return false;
  return true;
}

// The message inside an answer: the `error` paths in order, else the standard rule.
std::string json_message(const manifest::ResponseRules& rules, const rapidjson::Value& body) {
  for (const auto& path : rules.error_paths) {
    const rapidjson::Value* found = member_path(body, path);
    if (auto text = connectors::scalar_text(found)) return *text;
    // A list of messages (Nova Poshta's `errors`): each one, in order.
    if (found != nullptr && found->IsArray() && !found->Empty()) {
      std::string joined;
      for (const auto& item : found->GetArray())
        if (auto text = connectors::scalar_text(&item)) joined += (joined.empty() ? "" : "; ") + *text;
      if (!joined.empty()) return joined;
    }
  }
  return rules.error_paths.empty() ? connectors::json_error_message(body) : std::string();
}

// A 2xx that breaks a body rule: its own message, else that the service did not confirm.
std::string unconfirmed_text(const JudgeContext& context, const HttpResponse& response,
                             const std::optional<rapidjson::Document>& parsed) {
  if (parsed) {
    if (std::string message = json_message(context.action->response, *parsed); !message.empty()) return message;
  }
  const auto& rules = context.action->response;
  std::string text = rules.unconfirmed.empty() ? context.connector->title + " did not confirm the request"
                                               : rules.unconfirmed;
  if (!parsed) text += ": the response is " + connectors::not_json_text(response);
  return text;
}

// The fields a flow reads: the mapped ones (`message_id = "result.message_id"`), or the body as is.
rapidjson::Document readable_fields(const manifest::ResponseRules& rules, const HttpResponse& response,
                                    std::optional<rapidjson::Document>& parsed) {
  const bool mapped = std::ranges::any_of(rules.fields, [](const auto& field) { return field.name != field.path; });
  if (!mapped || !parsed) {
    rapidjson::Document fields = connectors::response_fields(response.body, std::move(parsed));
    parsed.reset();
    return fields;
  }
  rapidjson::Document fields(rapidjson::kObjectType);
  for (const auto& field : rules.fields) {
    if (const auto* value = member_path(*parsed, field.path))
      connectors::set_copy(fields, field.name, *value, fields.GetAllocator());
  }
  return fields;
}

}  // namespace

std::optional<std::string> broken_body_rule(const manifest::ResponseRules& rules, const rapidjson::Value& answer) {
  std::optional<rapidjson::Document> parsed(std::in_place);
  parsed->CopyFrom(answer, parsed->GetAllocator());
  if (body_rules_hold(rules.success, parsed)) return std::nullopt;
  std::string message = json_message(rules, answer);
  return message.empty() ? std::string("the answer breaks the success rule") : message;
}

std::string failure_text(const manifest::ResponseRules& rules, const HttpResponse& response) {
  if (!rules.error_paths.empty()) {
    if (auto parsed = connectors::parse_json(response.body)) {
      if (std::string message = json_message(rules, *parsed); !message.empty()) return message;
    }
  }
  return connectors::error_text(response);
}

SendOutcome judge(const JudgeContext& context, const HttpResponse& response,
                  std::optional<rapidjson::Document>& parsed) {
  const auto& rules = context.action->response;
  SendOutcome outcome;
  outcome.status = response.status;
  if (!response.body.empty()) parsed = connectors::parse_json(response.body);
  const bool status_ok = status_passes(rules.success.statuses, response);
  if (!status_ok || !body_rules_hold(rules.success, parsed)) {
    if (!rules.status_path.empty() && parsed) {
      const auto* code = member_path(*parsed, rules.status_path);
      if (code != nullptr && code->IsInt64() && code->GetInt64() > 0) outcome.status = static_cast<int>(code->GetInt64());
    }
    outcome.errors = status_ok ? unconfirmed_text(context, response, parsed) : failure_text(rules, response);
    outcome.errors = connectors::redact(std::move(outcome.errors), context.secret);
    return outcome;
  }
  if (!response.body.empty() && !parsed) {
    // A 200 from a proxy or a login page is no answer of the service: say what came instead.
    if (context.json_required) {
      outcome.errors = "the response is " + connectors::not_json_text(response);
      return outcome;
    }
    outcome.not_json = connectors::not_json_text(response);
  }
  outcome.success = true;
  outcome.response = readable_fields(rules, response, parsed);
  return outcome;
}

RetryAdvice retry_advice(const manifest::RetryRules& rules) {
  const manifest::RetryRules defaults;
  const std::vector<manifest::StatusRange> default_statuses{{408, 408}, {429, 429}, {500, 599}};
  if (rules.after_paths.empty() && rules.after_header == defaults.after_header && rules.statuses == default_statuses)
    return {};
  return [&rules](const HttpResponse& response) -> std::optional<std::chrono::milliseconds> {
    if (!response.error.empty() || response.status == 0) return default_retry_advice(response);
    if (std::ranges::none_of(rules.statuses, [&](const auto& range) { return range.contains(response.status); }))
      return std::nullopt;
    if (!rules.after_paths.empty()) {
      if (auto body = connectors::parse_json(response.body)) {
        for (const auto& path : rules.after_paths) {
          const auto* seconds = member_path(*body, path);
          // Whole or fractional seconds (Discord's `retry_after: 0.35`), at least a millisecond.
          if (seconds != nullptr && seconds->IsNumber() && seconds->GetDouble() > 0)
            return std::max(std::chrono::milliseconds(1),
                            std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds->GetDouble() * 1000))));
        }
      }
    }
    const std::string after = response.header(rules.after_header);
    if (!after.empty()) {
      if (auto wait = http_retry::parse_retry_after(after, std::chrono::system_clock::now())) return *wait;
    }
    return std::chrono::milliseconds(0);
  };
}

}  // namespace flowc::runtime::manifest_engine
