#include "tools/sandbox/stubs/telegram_stub.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <functional>
#include <optional>
#include <utility>

#include "tools/sandbox/json_text.hpp"
#include "base/text/ascii.hpp"

namespace flowc::sandbox {

namespace {

using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

constexpr long long kBotUserFallbackId = 1;

StubResponse telegram_error(int code, std::string_view description) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& alloc = doc.GetAllocator();
  doc.AddMember("ok", false, alloc);
  doc.AddMember("error_code", code, alloc);
  doc.AddMember("description", json_string(description, alloc), alloc);
  return {code, to_json(doc), {}};
}

StubResponse telegram_ok(rapidjson::Document& doc, Value result) {
  auto& alloc = doc.GetAllocator();
  doc.SetObject();
  doc.AddMember("ok", true, alloc);
  doc.AddMember("result", result, alloc);
  return {200, to_json(doc), {}};
}

std::optional<long long> parse_integer(std::string_view text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

long long bot_id_of(std::string_view token) {
  return parse_integer(token.substr(0, token.find(':'))).value_or(kBotUserFallbackId);
}

Value bot_user(long long bot_id, Allocator& alloc) {
  Value user(rapidjson::kObjectType);
  user.AddMember("id", Value(static_cast<int64_t>(bot_id)), alloc);
  user.AddMember("is_bot", true, alloc);
  user.AddMember("first_name", "Sandbox Bot", alloc);
  user.AddMember("username", "flowc_sandbox_bot", alloc);
  return user;
}

// The chat object Telegram would describe for `chat_id`: users have positive ids, groups
// negative ones, supergroups and channels -100...; @username addresses a public channel.
std::optional<Value> chat_for(std::string_view chat_id, Allocator& alloc) {
  Value chat(rapidjson::kObjectType);
  if (chat_id.starts_with('@') && chat_id.size() > 1) {
    auto hash = static_cast<int64_t>(std::hash<std::string_view>{}(chat_id) % 1'000'000'000);
    chat.AddMember("id", Value(-1'000'000'000'000 - hash), alloc);
    chat.AddMember("title", json_string(chat_id.substr(1), alloc), alloc);
    chat.AddMember("username", json_string(chat_id.substr(1), alloc), alloc);
    chat.AddMember("type", "channel", alloc);
    return chat;
  }
  auto id = parse_integer(chat_id);
  if (!id || *id == 0) return std::nullopt;
  chat.AddMember("id", Value(static_cast<int64_t>(*id)), alloc);
  if (*id > 0) {
    chat.AddMember("first_name", "Sandbox User", alloc);
    chat.AddMember("type", "private", alloc);
  } else {
    chat.AddMember("title", "Sandbox Group", alloc);
    chat.AddMember("type", rapidjson::StringRef(*id <= -1'000'000'000'000 ? "supergroup" : "group"), alloc);
  }
  return chat;
}

// The call's arguments as one JSON object, whether they came as JSON, form or query.
std::optional<rapidjson::Document> arguments_of(const QueryParams& params, std::string_view content_type,
                                                std::string_view body) {
  rapidjson::Document args(rapidjson::kObjectType);
  if (content_type.starts_with("application/json")) {
    if (parse_json_document(args, body).IsError() || !args.IsObject()) return std::nullopt;
    return args;
  }
  auto& alloc = args.GetAllocator();
  for (const auto& [name, value] : params) {
    if (!args.HasMember(name.c_str())) args.AddMember(json_string(name, alloc), json_string(value, alloc), alloc);
  }
  return args;
}

std::string argument_text(const rapidjson::Document& args, const char* name) {
  auto it = args.FindMember(name);
  return it == args.MemberEnd() ? std::string() : scalar_text(it->value);
}

bool argument_true(const rapidjson::Document& args, const char* name) {
  auto it = args.FindMember(name);
  if (it == args.MemberEnd()) return false;
  return it->value.IsBool() ? it->value.GetBool() : scalar_text(it->value) == "true";
}

bool supported_parse_mode(std::string_view mode) {
  auto m = ascii::lower(mode);
  return m.empty() || m == "html" || m == "markdown" || m == "markdownv2";
}

}  // namespace

std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;        // 4-byte sequences are surrogate pairs in UTF-16
  }
  return units;
}

TelegramStub::TelegramStub(std::string required_token) : required_token_(std::move(required_token)) {}

bool TelegramStub::token_accepted(std::string_view token) const {
  if (!required_token_.empty()) return token == required_token_;
  auto colon = token.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == token.size()) return false;
  auto digits = token.substr(0, colon);
  auto secret = token.substr(colon + 1);
  return std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }) &&
         std::all_of(secret.begin(), secret.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; });
}

StubResponse TelegramStub::handle(std::string_view token, std::string_view method, const QueryParams& params,
                                  std::string_view content_type, std::string_view body) {
  if (!token_accepted(token)) return telegram_error(401, "Unauthorized");
  auto args = arguments_of(params, content_type, body);
  if (!args) return telegram_error(400, "Bad Request: can't parse JSON object");

  rapidjson::Document doc;
  auto& alloc = doc.GetAllocator();
  auto name = ascii::lower(method);
  if (name == "getme") return telegram_ok(doc, bot_user(bot_id_of(token), alloc));
  if (name != "sendmessage") return telegram_error(404, "Not Found");

  TelegramMessage message;
  message.chat_id = argument_text(*args, "chat_id");
  message.text = argument_text(*args, "text");
  message.parse_mode = argument_text(*args, "parse_mode");
  message.disable_web_page_preview = argument_true(*args, "disable_web_page_preview");
  if (message.chat_id.empty()) return telegram_error(400, "Bad Request: chat_id is empty");
  auto chat = chat_for(message.chat_id, alloc);
  if (!chat) return telegram_error(400, "Bad Request: chat not found");
  if (message.text.empty()) return telegram_error(400, "Bad Request: message text is empty");
  if (utf16_length(message.text) > kMaxTextLength) return telegram_error(400, "Bad Request: message is too long");
  if (!supported_parse_mode(message.parse_mode)) {
    return telegram_error(400, "Bad Request: unsupported parse_mode");
  }

  {
    std::lock_guard lock(mutex_);
    message.message_id = next_message_id_++;
    messages_.push_back(message);
  }
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  Value result(rapidjson::kObjectType);
  result.AddMember("message_id", Value(static_cast<int64_t>(message.message_id)), alloc);
  result.AddMember("from", bot_user(bot_id_of(token), alloc), alloc);
  result.AddMember("chat", *chat, alloc);
  result.AddMember("date", Value(static_cast<int64_t>(now.count())), alloc);
  result.AddMember("text", json_string(message.text, alloc), alloc);
  return telegram_ok(doc, std::move(result));
}

StubResponse TelegramStub::fault(const FaultDecision& decision) {
  switch (decision.kind) {
    case FaultKind::kThrottle: {
      int seconds = decision.retry_after_seconds;
      rapidjson::Document doc(rapidjson::kObjectType);
      auto& alloc = doc.GetAllocator();
      doc.AddMember("ok", false, alloc);
      doc.AddMember("error_code", 429, alloc);
      doc.AddMember("description", json_string("Too Many Requests: retry after " + std::to_string(seconds), alloc),
                    alloc);
      Value parameters(rapidjson::kObjectType);
      parameters.AddMember("retry_after", seconds, alloc);
      doc.AddMember("parameters", parameters, alloc);
      return {429, to_json(doc), {{"Retry-After", std::to_string(seconds)}}};
    }
    case FaultKind::kBurst: return telegram_error(decision.status, "Service Unavailable");
    default: return telegram_error(decision.status, "Internal Server Error");
  }
}

std::vector<TelegramMessage> TelegramStub::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

}  // namespace flowc::sandbox
