#include "tools/flowtest/wire_reply.hpp"

#include "connectors/common/json_api_reply.hpp"
#include "runtime/connector.hpp"

namespace flowc::flowtest {

WireReply wire_reply(const std::string& connector, const std::string& method, const Outcome& outcome, int sequence) {
  const runtime::DeclaredOutcome declared{outcome.success, outcome.fields.get(), outcome.status, outcome.error};
  const runtime::Connector* found = runtime::find_connector(connector);
  const runtime::TestReply reply =
      found != nullptr && found->test_reply != nullptr ? found->test_reply : &runtime::connectors::json_api_reply;
  return reply(method, declared, sequence);
}

}  // namespace flowc::flowtest
