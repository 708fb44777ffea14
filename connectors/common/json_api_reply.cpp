#include "connectors/common/json_api_reply.hpp"

#include "runtime/json_util.hpp"

namespace flowc::runtime::connectors {

WireReply message_failure(const DeclaredOutcome& outcome) {
  rapidjson::Document answer(rapidjson::kObjectType);
  set_string(answer, "message", outcome.error, answer.GetAllocator());
  return {outcome.status, to_json(answer)};
}

WireReply json_api_reply(std::string_view, const DeclaredOutcome& outcome, int) {
  if (!outcome.success) return message_failure(outcome);
  return {outcome.status != 0 ? outcome.status : 200, to_json(*outcome.fields)};
}

}  // namespace flowc::runtime::connectors
