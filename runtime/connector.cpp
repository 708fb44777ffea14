#include "runtime/connector.hpp"

#include "runtime/json_util.hpp"

namespace flowc::runtime {

std::string AccountConfig::get(std::string_view key, std::string_view fallback) const {
  if (settings == nullptr) return std::string(fallback);
  auto text = connectors::scalar_text(connectors::member(*settings, key));
  return text && !text->empty() ? std::move(*text) : std::string(fallback);
}

std::string_view AccountConfig::text(std::string_view key, std::string_view fallback) const {
  const rapidjson::Value* value = settings == nullptr ? nullptr : connectors::member(*settings, key);
  if (value == nullptr || !value->IsString() || value->GetStringLength() == 0) return fallback;
  return {value->GetString(), value->GetStringLength()};
}

ExchangeStep ExchangeStep::send(HttpRequest request, RetryAdvice advice, std::string note) {
  ExchangeStep step;
  step.request = std::move(request);
  step.advice = std::move(advice);
  step.note = std::move(note);
  return step;
}

ExchangeStep ExchangeStep::finish(SendOutcome outcome) {
  ExchangeStep step;
  step.outcome = std::move(outcome);
  return step;
}

ExchangeStep ExchangeStep::fail(std::string errors, int status) {
  SendOutcome outcome;
  outcome.errors = std::move(errors);
  outcome.status = status;
  return finish(std::move(outcome));
}

namespace {

template <typename Action>
const Action* find_in(std::span<const NamedAction<Action>> actions, std::string_view name) {
  for (const NamedAction<Action>& action : actions)
    if (action.name == name) return action.action;
  return nullptr;
}

}  // namespace

const Connector* ConnectorSet::find(std::string_view name) const {
  for (const Connector* connector : connectors_)
    if (connector->name == name) return connector;
  return nullptr;
}

Transport ConnectorSet::transport_of(std::string_view name) const {
  const Connector* found = find(name);
  return found == nullptr ? Transport::Http : found->transport;
}

const SendAction* ConnectorSet::find_send(std::string_view connector, std::string_view action) const {
  const Connector* found = find(connector);
  return found == nullptr ? nullptr : find_in(found->sends, action);
}

const SourceAction* ConnectorSet::find_source(std::string_view connector, std::string_view action) const {
  const Connector* found = find(connector);
  return found == nullptr ? nullptr : find_in(found->sources, action);
}

}  // namespace flowc::runtime
