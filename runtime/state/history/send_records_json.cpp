#include "runtime/state/history/send_records_json.hpp"

#include <rapidjson/document.h>

#include <stdexcept>

#include "base/json/json_put.hpp"

namespace flowc::runtime::state {
namespace {

const rapidjson::Value& member(const rapidjson::Value& send, const char* name) {
  const auto found = send.FindMember(name);
  if (found == send.MemberEnd()) throw std::invalid_argument(std::string("a send has no \"") + name + "\"");
  return found->value;
}

std::string text_member(const rapidjson::Value& send, const char* name) {
  const rapidjson::Value& value = member(send, name);
  if (!value.IsString()) throw std::invalid_argument(std::string("a send's \"") + name + "\" is not text");
  return {value.GetString(), value.GetStringLength()};
}

SendRecord send_record(const rapidjson::Value& send) {
  if (!send.IsObject()) throw std::invalid_argument("a send is not a JSON object");
  const rapidjson::Value& status = member(send, "status");
  const rapidjson::Value& unhandled = member(send, "unhandled");
  if (!status.IsInt64() || !unhandled.IsBool()) {
    throw std::invalid_argument("a send's status or unhandled flag is malformed");
  }
  return SendRecord{.name = text_member(send, "name"),
                    .result = parse_send_result(text_member(send, "result")),
                    .status = status.GetInt64(),
                    .errors = text_member(send, "errors"),
                    .response_id = text_member(send, "response_id"),
                    .unhandled = unhandled.GetBool()};
}

}  // namespace

void write_send_record(rapidjson::Writer<rapidjson::StringBuffer>& writer, const SendRecord& send) {
  writer.StartObject();
  json::put_member(writer, "name", send.name);
  json::put_member(writer, "result", to_string(send.result));
  writer.Key("status");
  writer.Int64(send.status);
  json::put_member(writer, "errors", send.errors);
  json::put_member(writer, "response_id", send.response_id);
  writer.Key("unhandled");
  writer.Bool(send.unhandled);
  writer.EndObject();
}

std::string sends_json(std::span<const SendRecord> sends) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const SendRecord& send : sends) write_send_record(writer, send);
  writer.EndArray();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string send_json(const SendRecord& send) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  write_send_record(writer, send);
  return {buffer.GetString(), buffer.GetSize()};
}

std::vector<SendRecord> parse_sends_json(std::string_view json) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError() || !document.IsArray()) throw std::invalid_argument("sends are not a JSON array");
  std::vector<SendRecord> sends;
  sends.reserve(document.Size());
  for (const rapidjson::Value& send : document.GetArray()) sends.push_back(send_record(send));
  return sends;
}

SendRecord parse_send_json(std::string_view json) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError()) throw std::invalid_argument("a send is not JSON");
  return send_record(document);
}

}  // namespace flowc::runtime::state
