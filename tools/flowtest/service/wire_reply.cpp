#include "tools/flowtest/service/wire_reply.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

#include "connectors/list.hpp"
#include "ir/manifest/connector_catalog.hpp"

namespace flowc::flowtest {

namespace {

const manifest::ActionManifest* manifest_action(const ir::Send& send) {
  const manifest::ConnectorManifest* connector = catalog::installed().find_manifest(send.connector);
  return connector != nullptr ? connector->find_action(send.action) : nullptr;
}

WireReply declared_reply(const ir::Send& send, const std::string& method, const Outcome& outcome, int sequence) {
  const runtime::connectors::DeclaredOutcome declared{outcome.success, outcome.fields.get(), outcome.status,
                                                      outcome.error};
  return runtime::connectors::test_reply_of(send.connector)(method, declared, sequence);
}

}  // namespace

const manifest::Example* named_example(const ir::Send& send, const Outcome& outcome, const std::string& where) {
  if (outcome.example.empty()) return nullptr;
  const manifest::ActionManifest* action = manifest_action(send);
  const manifest::Example* example = action != nullptr ? action->find_example(outcome.example) : nullptr;
  if (example != nullptr) return example;
  std::vector<std::string> names;
  if (action != nullptr)
    for (const manifest::Example& each : action->examples) names.push_back(each.name);
  throw SpecError(fmt::format("{}: {}.{} has no example \"{}\" ({})", where, send.connector, send.action,
                              outcome.example,
                              names.empty() ? std::string("its manifest gives none")
                                            : fmt::format("its examples: {}", fmt::join(names, ", "))));
}

WireReply wire_reply(const ir::Send& send, const std::string& method, const Outcome& outcome, int sequence) {
  if (outcome.example.empty()) return declared_reply(send, method, outcome, sequence);
  const manifest::ActionManifest* action = manifest_action(send);
  const manifest::Example* example = action != nullptr ? action->find_example(outcome.example) : nullptr;
  if (example == nullptr) return {500, R"({"message": "flowc test: the example named is gone"})"};
  // A lookup's search finds the record; the example answers the request that acts on it.
  if (action->lookup && method == action->lookup->method && method != action->request.method) {
    static const Outcome kFound{true, std::make_shared<rapidjson::Document>(rapidjson::kObjectType), 0, {}, {}};
    return declared_reply(send, method, kFound, sequence);
  }
  return {example->status, example->body};
}

}  // namespace flowc::flowtest
