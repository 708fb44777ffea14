#include "connectors/telegram/telegram.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>

#include "base/json/json_writer.hpp"
#include "runtime/connector_kit/error_text.hpp"
#include "runtime/connector_kit/exchange_util.hpp"
#include "runtime/connector_kit/url.hpp"
#include "runtime/connector_kit/message_split.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::connectors {

namespace {

constexpr std::string_view kDefaultBaseUrl = "https://api.telegram.org";

bool truthy(const rapidjson::Value* value) {
  if (value == nullptr) return false;
  if (value->IsBool()) return value->GetBool();
  auto text = scalar_text(value);
  return text && (*text == "true" || *text == "1" || *text == "yes");
}

// The fields a message is made of, each looked up once (null when absent). They live as long as
// the field block, i.e. only during SendAction::begin.
struct MessageFields {
  const rapidjson::Value* chat_id;
  const rapidjson::Value* text;
  const rapidjson::Value* parse_mode;
  const rapidjson::Value* disable_preview;
  std::string long_text;  // as given, or its default

  explicit MessageFields(const rapidjson::Value& fields)
      : chat_id(member(fields, "chat_id")),
        text(member(fields, "text")),
        parse_mode(member(fields, "parse_mode")),
        disable_preview(member(fields, "disable_preview")),
        long_text(text_field(fields, "long_text", "split")) {}
};

// The request body members shared by every part: everything but the text. Kept as values ready
// to write, so each part's body is written in one pass.
struct CommonMembers {
  std::string chat_id;  // a string chat_id's text, or a number's JSON; empty when absent
  rapidjson::Type chat_id_type = rapidjson::kNullType;
  std::string parse_mode;
  std::optional<bool> disable_preview;

  explicit CommonMembers(const MessageFields& fields) : parse_mode(text_or(fields.parse_mode)) {
    if (const auto* chat = fields.chat_id) {
      chat_id_type = chat->GetType();
      chat_id = chat->IsString() ? std::string(chat->GetString(), chat->GetStringLength()) : to_json(*chat);
    }
    if (fields.disable_preview != nullptr) disable_preview = truthy(fields.disable_preview);
  }

  // {"chat_id": .., "parse_mode": .., "disable_web_page_preview": .., "text": text}
  std::string body_with(std::string_view text) const {
    JsonWriter out;
    out.StartObject();
    if (!chat_id.empty()) {
      out.Key("chat_id");
      if (chat_id_type == rapidjson::kStringType) {
        out.String(chat_id.data(), static_cast<rapidjson::SizeType>(chat_id.size()));
      } else {
        out.RawValue(chat_id.data(), chat_id.size(), chat_id_type);
      }
    }
    if (!parse_mode.empty()) {
      out.Key("parse_mode");
      out.String(parse_mode.data(), static_cast<rapidjson::SizeType>(parse_mode.size()));
    }
    if (disable_preview) {
      out.Key("disable_web_page_preview");
      out.Bool(*disable_preview);
    }
    out.Key("text");
    out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    out.EndObject();
    return out.take();
  }
};

// Whether a member holds a non-empty scalar (a number or bool counts; an empty string does not).
bool has_text(const rapidjson::Value* value) {
  if (value != nullptr && value->IsString()) return value->GetStringLength() > 0;
  return scalar_text(value).has_value();
}

std::optional<std::string> fields_problem(const MessageFields& fields, const AccountConfig& account,
                                          std::string_view token) {
  if (token.empty()) return fmt::format("telegram account \"{}\" has no bot_token", account.name);
  if (!has_text(fields.chat_id)) return std::string("telegram send_message needs a `chat_id`");
  if (!has_text(fields.text)) return std::string("telegram send_message has an empty `text`");
  if (fields.long_text != "split" && fields.long_text != "truncate")
    return fmt::format("long_text must be split or truncate, not \"{}\"", fields.long_text);
  return std::nullopt;
}

class SendMessageExchange final : public Exchange {
 public:
  // `token`: the account's bot_token, in its settings.
  SendMessageExchange(const MessageFields& fields, const AccountConfig& account, std::string_view token, bool truncate)
      : token_(token),
        url_(method_url(account.text("base_url", kDefaultBaseUrl), token_)),
        common_(fields),
        message_ids_(rapidjson::kArrayType) {
    std::string scalar;
    const std::string_view text = text_view(fields.text, scalar);
    if (fits_one_message(text)) {
      // Nearly every message: its one body is written now, while the fields last, and the text
      // is not kept.
      first_body_ = common_.body_with(text);
      return;
    }
    text_ = truncate ? truncate_message(text) : std::string(text);
    parts_ = truncate ? std::vector<std::string_view>{text_} : split_message(text_);
  }

  ExchangeStep start() override {
    std::string note = part_count() > 1
                           ? fmt::format("then {} more message(s) with the rest of the text", part_count() - 1)
                           : std::string();
    return send_part(std::move(note));
  }

  ExchangeStep on_response(const HttpResponse& response) override {
    auto answer = parse_json(response.body);
    const rapidjson::Value* message_id = answer ? member_path(*answer, "result.message_id") : nullptr;
    bool accepted = response.ok() && answer && truthy(member(*answer, "ok")) && message_id != nullptr;
    if (!accepted) return ExchangeStep::finish(failure(response, answer ? &*answer : nullptr));
    message_ids_.PushBack(rapidjson::Value(*message_id, ids_alloc_), ids_alloc_);
    if (++next_ < part_count()) return send_part();
    return ExchangeStep::finish(success(response, *answer));
  }

 private:
  // A text that fits is one message, written ahead; a longer one is several parts of text_.
  std::size_t part_count() const { return parts_.empty() ? 1 : parts_.size(); }

  // `scalar` holds the text when it is not a string already (a number, a bool).
  static std::string_view text_view(const rapidjson::Value* text, std::string& scalar) {
    if (text != nullptr && text->IsString()) return {text->GetString(), text->GetStringLength()};
    scalar = text_or(text);
    return scalar;
  }

  ExchangeStep send_part(std::string note = {}) {
    HttpRequest request;
    request.method = "POST";
    // The last part takes the URL; earlier ones copy it.
    request.url = next_ + 1 == part_count() ? std::move(url_) : url_;
    request.common_headers = json_headers();
    request.body = parts_.empty() ? std::move(first_body_) : common_.body_with(parts_[next_]);
    return ExchangeStep::send(std::move(request), telegram_retry_advice, std::move(note));
  }

  // message_id, chat_id and date of the last message sent, and every part's message_ids.
  SendOutcome success(const HttpResponse& response, const rapidjson::Value& last_answer) {
    SendOutcome outcome;
    outcome.success = true;
    outcome.status = response.status;
    outcome.response.SetObject();
    auto& alloc = outcome.response.GetAllocator();
    outcome.response.AddMember("message_id", rapidjson::Value(message_ids_[message_ids_.Size() - 1], alloc), alloc);
    outcome.response.AddMember("message_ids", rapidjson::Value(message_ids_, alloc), alloc);
    if (const auto* chat_id = member_path(last_answer, "result.chat.id"))
      set_copy(outcome.response, "chat_id", *chat_id, alloc);
    if (const auto* date = member_path(last_answer, "result.date")) set_copy(outcome.response, "date", *date, alloc);
    return outcome;
  }

  SendOutcome failure(const HttpResponse& response, const rapidjson::Value* answer) {
    SendOutcome outcome;
    outcome.status = response.status;
    if (answer != nullptr) {
      long long code = integer_field(*answer, "error_code", 0);
      if (code > 0) outcome.status = static_cast<int>(code);
    }
    std::string message = answer != nullptr ? json_error_message(*answer) : std::string();
    if (message.empty()) message = response.ok() ? unconfirmed(response, answer) : error_text(response);
    message = redact(std::move(message), token_);
    if (part_count() > 1) message = fmt::format("part {} of {}: {}", next_ + 1, part_count(), message);
    outcome.errors = std::move(message);
    return outcome;
  }

  // A 2xx that does not confirm the message: a JSON answer without `ok`, or no JSON at all (a
  // proxy's page), which the error then quotes.
  static std::string unconfirmed(const HttpResponse& response, const rapidjson::Value* answer) {
    if (answer != nullptr) return "Telegram did not confirm the message";
    return "Telegram did not confirm the message: the response is " + not_json_text(response);
  }

  // base_url/bot<token>/sendMessage
  static std::string method_url(std::string_view base_url, std::string_view token) {
    constexpr std::string_view kMethod = "/sendMessage";
    std::string url = join_url(base_url, "bot", token.size() + kMethod.size());
    url += token;
    url += kMethod;
    return url;
  }

  std::string_view token_;  // in the account's settings, which outlive the exchange
  std::string url_;
  CommonMembers common_;
  std::string first_body_;               // the one message's body, when the text fits in one
  std::string text_;                     // else the text
  std::vector<std::string_view> parts_;  // of text_; empty when it fits in one message
  std::size_t next_ = 0;
  rapidjson::MemoryPoolAllocator<> ids_alloc_;
  rapidjson::Value message_ids_;
};

class SendMessageAction final : public SendAction {
 public:
  std::unique_ptr<Exchange> begin(const rapidjson::Value& fields, const AccountConfig& account) const override {
    const MessageFields message(fields);
    const std::string_view token = account.text("bot_token");
    if (auto problem = fields_problem(message, account, token)) return failing_exchange(std::move(*problem));
    return std::make_unique<SendMessageExchange>(message, account, token, message.long_text == "truncate");
  }
};

}  // namespace

std::optional<std::chrono::milliseconds> telegram_retry_advice(const HttpResponse& response) {
  if (response.status == 429) {
    if (auto answer = parse_json(response.body)) {
      long long seconds = integer_field(*answer, "retry_after", -1);
      if (const auto* parameters = member(*answer, "parameters"))
        seconds = integer_field(*parameters, "retry_after", seconds);
      if (seconds > 0) return std::chrono::seconds(seconds);
    }
  }
  return default_retry_advice(response);
}

const SendAction& telegram_send_message_action() {
  static const SendMessageAction action;
  return action;
}

const Connector& telegram_connector() {
  static const std::array<NamedAction<SendAction>, 1> kSends{{{"send_message", &telegram_send_message_action}}};
  static const Connector kConnector{"telegram", kSends, {}};
  return kConnector;
}

}  // namespace flowc::runtime::connectors
