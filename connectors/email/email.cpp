#include "connectors/email/email.hpp"

#include <fmt/format.h>

#include <array>

#include "runtime/connector_kit/exchange_util.hpp"
#include "runtime/json_util.hpp"
#include "connectors/email/mail_message.hpp"
#include "runtime/connector_kit/url.hpp"

namespace flowc::runtime::connectors {

namespace {

// A list field, or a string of comma-separated addresses.
std::vector<std::string> address_field(const rapidjson::Value& fields, std::string_view key) {
  std::vector<std::string> addresses;
  auto add = [&addresses](std::string_view text) {
    for (std::size_t start = 0; start <= text.size();) {
      auto comma = text.find(',', start);
      std::string_view piece =
          text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      if (piece.find_first_not_of(" \t") != std::string_view::npos) addresses.emplace_back(piece);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  };
  const rapidjson::Value* value = member(fields, key);
  if (value != nullptr && value->IsArray()) {
    for (const auto& item : value->GetArray())
      if (auto text = scalar_text(&item)) add(*text);
  } else if (auto text = scalar_text(value)) {
    add(*text);
  }
  return addresses;
}

MailMessage message_from(const rapidjson::Value& fields, const AccountConfig& account) {
  MailMessage message;
  message.from = text_field(fields, "from", account.get("from"));
  message.to = address_field(fields, "to");
  message.cc = address_field(fields, "cc");
  message.subject = text_field(fields, "subject");
  message.body = text_field(fields, "body");
  return message;
}

// The SMTP URL with the account's credentials as userinfo, which is how libcurl takes them.
std::optional<std::string> smtp_url(const AccountConfig& account, std::string& problem) {
  std::string url = account.get("smtp_url");
  if (!url.starts_with("smtp://") && !url.starts_with("smtps://")) {
    problem = url.empty()
                  ? fmt::format("email account \"{}\" has no smtp_url", account.name)
                  : fmt::format("email account \"{}\": smtp_url must start with smtp:// or smtps://", account.name);
    return std::nullopt;
  }
  std::string username = account.get("username");
  if (username.empty()) return url;
  auto host_start = url.find("://") + 3;
  std::string userinfo = url_encode(username);
  if (std::string password = account.get("password"); !password.empty()) userinfo += ":" + url_encode(password);
  return url.substr(0, host_start) + userinfo + "@" + url.substr(host_start);
}

std::vector<std::string> envelope_recipients(const MailMessage& message) {
  std::vector<std::string> recipients;
  for (const auto* list : {&message.to, &message.cc})
    for (const auto& text : *list) recipients.push_back(parse_mail_address(text)->address);
  return recipients;
}

class SendEmailAction final : public SendAction {
 public:
  std::unique_ptr<Exchange> begin(const rapidjson::Value& fields, const AccountConfig& account) const override {
    MailMessage message = message_from(fields, account);
    if (auto problem = mail_problem(message)) return failing_exchange(std::move(*problem));
    std::string problem;
    auto url = smtp_url(account, problem);
    if (!url) return failing_exchange(std::move(problem));

    HttpRequest request;
    request.method = "SEND";
    request.url = std::move(*url);
    request.mail_from = parse_mail_address(message.from)->address;
    request.mail_rcpt = envelope_recipients(message);
    std::string message_id = new_message_id(request.mail_from);
    request.body = render_mail(message, std::chrono::system_clock::now(), message_id);
    return std::make_unique<OneShotExchange>(
        ExchangeStep::send(std::move(request)), [message_id](const HttpResponse& response) {
          SendOutcome outcome = outcome_from_response(response);
          if (!outcome.success) return outcome;
          outcome.response.SetObject();
          set_string(outcome.response, "message_id", message_id, outcome.response.GetAllocator());
          return outcome;
        });
  }
};

}  // namespace

const SendAction& email_send_action() {
  static const SendEmailAction action;
  return action;
}

const Connector& email_connector() {
  static const std::array<NamedAction<SendAction>, 1> kSends{{{"send", &email_send_action()}}};
  static const Connector kConnector{"email", kSends, {}, Transport::Smtp};
  return kConnector;
}

}  // namespace flowc::runtime::connectors
