#include "connectors/keepincrm/keepincrm_test_reply.hpp"

#include "connectors/common/json_api_reply.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::connectors {

WireReply keepincrm_test_reply(std::string_view method, const DeclaredOutcome& outcome, int sequence) {
  if (!outcome.success) return message_failure(outcome);
  rapidjson::Document order;
  order.CopyFrom(*outcome.fields, order.GetAllocator());
  if (member(order, "id") == nullptr) order.AddMember("id", rapidjson::Value(sequence), order.GetAllocator());
  if (method != "GET") return {outcome.status != 0 ? outcome.status : (method == "POST" ? 201 : 200), to_json(order)};
  rapidjson::Document page(rapidjson::kObjectType);
  auto& alloc = page.GetAllocator();
  rapidjson::Value items(rapidjson::kArrayType);
  items.PushBack(rapidjson::Value(order, alloc), alloc);
  page.AddMember("items", items, alloc);
  rapidjson::Value pagination(rapidjson::kObjectType);
  pagination.AddMember("total_count", 1, alloc);
  page.AddMember("pagination", pagination, alloc);
  return {outcome.status != 0 ? outcome.status : 200, to_json(page)};
}

}  // namespace flowc::runtime::connectors
