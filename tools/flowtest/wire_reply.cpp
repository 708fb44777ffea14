#include "tools/flowtest/wire_reply.hpp"

#include "base/json_util.hpp"
#include "base/json_writer.hpp"

namespace flowc::flowtest {

namespace {

using rapidjson::Document;
using rapidjson::Value;
using json::member;
using json::set_string;

Document object_copy(const Outcome& outcome) {
  Document copy;
  copy.CopyFrom(*outcome.fields, copy.GetAllocator());
  return copy;
}

// KeepinCRM answers an order as the order object; a search as {"items": [...], "pagination": {...}}.
WireReply keepincrm_success(const std::string& method, const Outcome& outcome, int sequence) {
  Document order = object_copy(outcome);
  auto& alloc = order.GetAllocator();
  if (member(order, "id") == nullptr) order.AddMember("id", Value(sequence), alloc);
  if (method != "GET") return {outcome.status != 0 ? outcome.status : (method == "POST" ? 201 : 200), to_json(order)};
  Document page(rapidjson::kObjectType);
  Value items(rapidjson::kArrayType);
  items.PushBack(Value(order, page.GetAllocator()), page.GetAllocator());
  page.AddMember("items", items, page.GetAllocator());
  Value pagination(rapidjson::kObjectType);
  pagination.AddMember("total_count", 1, page.GetAllocator());
  page.AddMember("pagination", pagination, page.GetAllocator());
  return {outcome.status != 0 ? outcome.status : 200, to_json(page)};
}

// Telegram wraps every answer: {"ok": true, "result": {...}} or {"ok": false, "error_code", "description"}.
WireReply telegram_reply(const Outcome& outcome, int sequence) {
  Document answer(rapidjson::kObjectType);
  auto& alloc = answer.GetAllocator();
  if (!outcome.success) {
    answer.AddMember("ok", false, alloc);
    answer.AddMember("error_code", outcome.status, alloc);
    set_string(answer, "description", outcome.error, alloc);
    return {outcome.status, to_json(answer)};
  }
  Value result(*outcome.fields, alloc);
  if (member(result, "message_id") == nullptr) result.AddMember("message_id", Value(sequence), alloc);
  answer.AddMember("ok", true, alloc);
  answer.AddMember("result", result, alloc);
  return {outcome.status != 0 ? outcome.status : 200, to_json(answer)};
}

// Most JSON APIs (KeepinCRM, the generic http connector) put the reason in "message".
WireReply message_failure(const Outcome& outcome) {
  Document answer(rapidjson::kObjectType);
  set_string(answer, "message", outcome.error, answer.GetAllocator());
  return {outcome.status, to_json(answer)};
}

}  // namespace

WireReply wire_reply(const std::string& connector, const std::string& method, const Outcome& outcome, int sequence) {
  if (connector == "telegram") return telegram_reply(outcome, sequence);
  if (!outcome.success) return message_failure(outcome);
  if (connector == "keepincrm") return keepincrm_success(method, outcome, sequence);
  return {outcome.status != 0 ? outcome.status : 200, to_json(*outcome.fields)};
}

}  // namespace flowc::flowtest
