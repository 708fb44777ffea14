#include "tools/flowtest/service/wire_reply.hpp"

#include "connectors/list.hpp"

namespace flowc::flowtest {

WireReply wire_reply(const std::string& connector, const std::string& method, const Outcome& outcome, int sequence) {
  const runtime::connectors::DeclaredOutcome declared{outcome.success, outcome.fields.get(), outcome.status,
                                                      outcome.error};
  return runtime::connectors::test_reply_of(connector)(method, declared, sequence);
}

}  // namespace flowc::flowtest
