#include "connectors/telegram/telegram_test_reply.hpp"

#include "runtime/json_util.hpp"

namespace flowc::runtime::connectors {

WireReply telegram_test_reply(std::string_view, const DeclaredOutcome& outcome, int sequence) {
  rapidjson::Document answer(rapidjson::kObjectType);
  auto& alloc = answer.GetAllocator();
  if (!outcome.success) {
    answer.AddMember("ok", false, alloc);
    answer.AddMember("error_code", outcome.status, alloc);
    set_string(answer, "description", outcome.error, alloc);
    return {outcome.status, to_json(answer)};
  }
  rapidjson::Value result(*outcome.fields, alloc);
  if (member(result, "message_id") == nullptr) result.AddMember("message_id", rapidjson::Value(sequence), alloc);
  answer.AddMember("ok", true, alloc);
  answer.AddMember("result", result, alloc);
  return {outcome.status != 0 ? outcome.status : 200, to_json(answer)};
}

}  // namespace flowc::runtime::connectors
