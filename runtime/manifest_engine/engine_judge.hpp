// The response side of the manifest engine: whether an answer is a success by the action's rules
// (statuses and body members), the error text, the fields a flow may read, and the retry advice
// from the connector's retry rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "ir/manifest/connector_manifest.hpp"
#include "runtime/connector.hpp"

namespace flowc::runtime::manifest_engine {

struct JudgeContext {
  const manifest::ConnectorManifest* connector = nullptr;
  const manifest::ActionManifest* action = nullptr;
  bool json_required = true;  // `json = required`, or `json_when`'s field asks for it
  std::string_view secret;    // a token that may appear in an answer (a path token): masked
};

// The outcome of the answer to an action's request. `parsed` keeps the body when it is JSON and
// did not become the outcome's fields as it is (a split reads each part's answer there).
SendOutcome judge(const JudgeContext& context, const HttpResponse& response,
                  std::optional<rapidjson::Document>& parsed);

// For a source's page: the service's message when a 2xx answer breaks a body rule of the success
// rule (Slack's `ok: false`), else nullopt.
std::optional<std::string> broken_body_rule(const manifest::ResponseRules& rules, const rapidjson::Value& answer);

// The error text of a failed answer, by the action's `error` paths or the standard rule.
std::string failure_text(const manifest::ResponseRules& rules, const HttpResponse& response);

// The connector's retry rules as the HTTP client takes them; empty (the client's default rule)
// when the rules are the default ones.
RetryAdvice retry_advice(const manifest::RetryRules& rules);

}  // namespace flowc::runtime::manifest_engine
