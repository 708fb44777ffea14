#include "ir/catalog.hpp"

#include <algorithm>

namespace flowc::catalog {
namespace {

// Small builders so the tables below read like the docs they generate.
FieldSpec field(std::string name, FieldType type, std::string description) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.description = std::move(description);
  return spec;
}

FieldSpec required(FieldSpec spec) {
  spec.required = true;
  return spec;
}

FieldSpec secret(FieldSpec spec) {
  spec.secret = true;
  return spec;
}

FieldSpec choice(std::string name, std::vector<std::string> choices, std::string description) {
  FieldSpec spec = field(std::move(name), FieldType::Enum, std::move(description));
  spec.choices = std::move(choices);
  return spec;
}

// Every HTTP connector can be pointed elsewhere (tests, the sandbox) and throttled.
std::vector<FieldSpec> http_account(std::vector<FieldSpec> fields, std::string default_base_url) {
  fields.push_back(field("base_url", FieldType::String, "API base URL (default " + default_base_url + ")."));
  fields.push_back(field("rate_limit", FieldType::Rate, "At most this many requests per period, e.g. 5/s."));
  fields.push_back(field("insecure_tls", FieldType::Bool,
                         "Skip TLS certificate verification (default false; only for test servers, warns W005)."));
  return fields;
}

ActionSpec action(std::string name, ActionKind kind, std::string description, std::vector<FieldSpec> fields,
                  std::vector<std::string> response_fields = {}) {
  ActionSpec spec;
  spec.name = std::move(name);
  spec.kind = kind;
  spec.description = std::move(description);
  spec.fields = std::move(fields);
  spec.response_fields = std::move(response_fields);
  return spec;
}

// Fields both sources share: what makes a row "new".
void add_new_row_fields(std::vector<FieldSpec>& fields) {
  FieldSpec key = field("key", FieldType::Name,
                        "Column whose value identifies a row, or columns whose values do together (`[order_id, sku]`); "
                        "without it a row is identified by its content. Two rows with one key are an error.");
  key.names_list = true;
  fields.push_back(std::move(key));
  fields.push_back(field("changed", FieldType::Bool,
                         "Also pass a row again when its content changed since it was handled (needs `key`)."));
}

ConnectorSpec csv_connector() {
  std::vector<FieldSpec> source_fields{
      required(field("path", FieldType::String, "CSV file, relative to the account's `dir` or the flow file.")),
      field("delimiter", FieldType::String, "One-character field separator (default `,`)."),
      field("header", FieldType::Bool, "The first line names the columns (default true); else columns are named A, B, C, ... as in a sheet"),
      choice("encoding",
             {"utf-8", "utf-16", "utf-16le", "utf-16be", "cp1251", "cp1252", "cp1250", "cp866", "koi8-r", "koi8-u",
              "iso-8859-1", "iso-8859-2", "iso-8859-5", "iso-8859-15"},
             "The file's encoding (default `utf-8`, where text that is not UTF-8 is a row error); other encodings "
             "are converted to UTF-8 as the file is read. `cp1251`: Excel on Ukrainian or Russian Windows."),
  };
  add_new_row_fields(source_fields);
  return {
      "csv",
      "Comma-separated files on the local disk.",
      {field("dir", FieldType::String, "Directory relative paths start from (default: the flow file's).")},
      {action("new_rows", ActionKind::Source, "Each row of a CSV file not handled before.", std::move(source_fields)),
       action("append_row", ActionKind::Send,
              "Appends one row. Each `columns.NAME = value` fills column NAME; a new file gets a header line of "
              "the column names in the order written.",
              {required(field("path", FieldType::String, "CSV file to append to; created when missing.")),
               field("delimiter", FieldType::String, "One-character field separator (default `,`)."),
               field("columns.*", FieldType::Any, "The value of one column.")})}};
}

ConnectorSpec google_sheets_connector() {
  std::vector<FieldSpec> source_fields{
      required(field("spreadsheet", FieldType::String, "Spreadsheet id (from its URL).")),
      required(field("sheet", FieldType::String, "Sheet (tab) name.")),
      field("range", FieldType::String, "A1 range to read, e.g. A1:H (default: the whole sheet)."),
      field("chunk_rows", FieldType::Number, "Rows fetched per request (default 1000)."),
  };
  add_new_row_fields(source_fields);
  ConnectorSpec sheets{
      "google_sheets",
      "Google Sheets API v4. Authenticates with one of api_key, access_token or service_account_file.",
      http_account({secret(field("api_key", FieldType::String, "API key, for sheets shared by link.")),
                    secret(field("access_token", FieldType::String, "OAuth 2 access token.")),
                    field("service_account_file", FieldType::String, "Service account JSON key file path."),
                    field("token_url", FieldType::String, "OAuth token endpoint for the service account.")},
                   "https://sheets.googleapis.com/v4"),
      {action("new_rows", ActionKind::Source,
              "Each row of a sheet not handled before; the first row names the columns.", std::move(source_fields))}};
  sheets.account_needs_one_of = {"api_key", "access_token", "service_account_file"};
  return sheets;
}

// The order fields both KeepinCRM actions map (POST/PATCH /agreements).
std::vector<FieldSpec> keepincrm_order_fields() {
  return {
      field("title", FieldType::String, "Order title."),
      field("comment", FieldType::String, "Order comment."),
      field("total", FieldType::Number, "Order total."),
      field("currency", FieldType::String, "Currency code, e.g. UAH."),
      field("stage_id", FieldType::Number, "Funnel stage id."),
      field("funnel_id", FieldType::Number, "Funnel id."),
      field("source_id", FieldType::Number, "Lead source id."),
      field("main_responsible_id", FieldType::Number, "Responsible user id."),
      field("client.person", FieldType::String, "Client contact person (full name)."),
      field("client.company", FieldType::String, "Client company name."),
      field("client.email", FieldType::String, "Client e-mail."),
      field("client.phones", FieldType::List, "Client phone numbers."),
      field("jobs", FieldType::List, "Order line items (products or services), passed as JSON."),
      field("custom_fields.*", FieldType::Any, "Custom field: `custom_fields.NAME = value` sends {name, value}."),
  };
}

const std::vector<std::string> kKeepinOrderResponse{"id",       "title",   "total",     "currency",
                                                    "stage_id", "comment", "client_id", "created_at"};

ConnectorSpec keepincrm_connector() {
  std::vector<FieldSpec> update_fields{
      required(field("find_by", FieldType::Name,
                     "How to find the order: `id`, or the name of an order field whose value must match.")),
      choice("on_many", {"first", "fail"}, "When several orders match: update the first, or fail (default fail)."),
      field("id", FieldType::Number, "The order id (with find_by = id)."),
  };
  for (FieldSpec& spec : keepincrm_order_fields()) update_fields.push_back(std::move(spec));
  ActionSpec update = action("update_order", ActionKind::Send,
                             "Finds one order and updates the mapped fields; fails when no order matches.",
                             std::move(update_fields), kKeepinOrderResponse);
  // A lookup (GET) then a PATCH of absolute values: repeating it changes nothing more.
  update.after_crash = AfterCrash::Resend;
  return {"keepincrm",
          "KeepinCRM REST API v1 (orders are `agreements`), authenticated with X-Auth-Token.",
          http_account({required(secret(field("api_key", FieldType::String, "API key (X-Auth-Token).")))},
                       "https://api.keepincrm.com/v1"),
          {std::move(update),
           action("create_order", ActionKind::Send, "Creates an order with the mapped fields.",
                  keepincrm_order_fields(), kKeepinOrderResponse)}};
}

ConnectorSpec telegram_connector() {
  return {"telegram",
          "Telegram Bot API.",
          http_account({required(secret(field("bot_token", FieldType::String, "Bot token from @BotFather.")))},
                       "https://api.telegram.org"),
          {action("send_message", ActionKind::Send, "Sends a text message to a chat.",
                  {required(field("chat_id", FieldType::String, "Chat id or @channel name.")),
                   required(field("text", FieldType::String, "Message text.")),
                   choice("parse_mode", {"HTML", "MarkdownV2", "Markdown"}, "How Telegram formats the text."),
                   field("disable_preview", FieldType::Bool, "Do not show link previews."),
                   choice("long_text", {"split", "truncate"},
                          "A text over 4096 characters is split into several messages (default) or truncated.")},
                  {"message_id", "chat_id", "date"})}};
}

ConnectorSpec email_connector() {
  return {"email",
          "E-mail over SMTP (libcurl).",
          {required(field("smtp_url", FieldType::String, "SMTP server, e.g. smtps://smtp.gmail.com:465.")),
           field("username", FieldType::String, "SMTP user name."),
           secret(field("password", FieldType::String, "SMTP password.")),
           field("from", FieldType::String, "Default sender address.")},
          {action("send", ActionKind::Send, "Sends a plain-text e-mail.",
                  {required(field("to", FieldType::List, "Recipient addresses.")),
                   field("cc", FieldType::List, "Copy addresses."),
                   field("from", FieldType::String, "Sender address (default: the account's)."),
                   required(field("subject", FieldType::String, "Subject line.")),
                   required(field("body", FieldType::String, "Message text."))})}};
}

ConnectorSpec http_connector() {
  ActionSpec request = action(
      "request", ActionKind::Send,
      "Any HTTP request. `body.*` fields build a JSON object; `raw_body` sends text as is. A JSON response's "
      "fields can be read as NAME.<field>; a response that is not JSON only as NAME.body (reading another field "
      "is an error, not an empty value).",
      {choice("method", {"GET", "POST", "PUT", "PATCH", "DELETE"}, "HTTP method (default POST with a body, else GET)."),
       required(field("url", FieldType::String, "URL, absolute or relative to the account's base_url.")),
       field("headers.*", FieldType::String, "A request header."),
       field("body.*", FieldType::Any, "A field of the JSON body; dotted names nest."),
       field("raw_body", FieldType::String, "The body as text, instead of body.* fields."),
       field("content_type", FieldType::String, "Content-Type of raw_body (default text/plain)."),
       choice("expect", {"any", "json"},
              "What the response must be: `json` makes a 2xx whose body is not JSON a failure; `any` (default) "
              "keeps a text body as NAME.body.")});
  request.open_response = true;
  request.after_crash = AfterCrash::ByMethod;
  return {"http",
          "Any HTTP API.",
          http_account({secret(field("bearer_token", FieldType::String, "Sent as Authorization: Bearer <token>.")),
                        field("headers.*", FieldType::String, "A header sent with every request.")},
                       "none: urls must then be absolute"),
          {std::move(request)}};
}

const std::vector<ConnectorSpec>& all_connectors() {
  static const std::vector<ConnectorSpec> kConnectors{csv_connector(),       google_sheets_connector(),
                                                      keepincrm_connector(), telegram_connector(),
                                                      email_connector(),     http_connector()};
  return kConnectors;
}

bool matches_pattern(std::string_view pattern, std::string_view dotted) {
  if (pattern.ends_with(".*")) {
    const std::string_view prefix = pattern.substr(0, pattern.size() - 1);  // keeps the dot
    return dotted.size() > prefix.size() && dotted.starts_with(prefix);
  }
  return pattern == dotted;
}

}  // namespace

std::string_view field_type_name(FieldType type) {
  switch (type) {
    case FieldType::String: return "string";
    case FieldType::Number: return "number";
    case FieldType::Bool: return "bool";
    case FieldType::List: return "list";
    case FieldType::Enum: return "enum";
    case FieldType::Name: return "name";
    case FieldType::Duration: return "duration";
    case FieldType::Rate: return "rate";
    case FieldType::Any: return "any";
  }
  return "any";
}

std::string_view after_crash_text(AfterCrash policy) {
  switch (policy) {
    case AfterCrash::Resend: return "sent again by the next run (repeating it is harmless)";
    case AfterCrash::Hold: return "held for `flowc retry` (it may already have acted)";
    case AfterCrash::ByMethod:
      return "GET, PUT and DELETE are sent again by the next run; POST and PATCH are held for `flowc retry`";
  }
  return "held for `flowc retry`";
}

bool FieldSpec::is_wildcard() const {
  return name.ends_with(".*");
}
bool FieldSpec::matches(std::string_view dotted) const {
  return matches_pattern(name, dotted);
}

std::span<const ConnectorSpec> connectors() {
  return all_connectors();
}

const ConnectorSpec* find_connector(std::string_view name) {
  for (const ConnectorSpec& connector : all_connectors()) {
    if (connector.name == name) return &connector;
  }
  return nullptr;
}

const ActionSpec* find_action(const ConnectorSpec& connector, std::string_view action) {
  for (const ActionSpec& spec : connector.actions) {
    if (spec.name == action) return &spec;
  }
  return nullptr;
}

const FieldSpec* find_field(std::span<const FieldSpec> fields, std::string_view dotted) {
  const FieldSpec* wildcard = nullptr;
  for (const FieldSpec& spec : fields) {
    if (spec.name == dotted) return &spec;
    if (!wildcard && spec.is_wildcard() && spec.matches(dotted)) wildcard = &spec;
  }
  return wildcard;
}

bool has_response_field(const ActionSpec& action, std::string_view dotted_path) {
  if (std::find(std::begin(kSendOutcomeFields), std::end(kSendOutcomeFields), dotted_path) !=
      std::end(kSendOutcomeFields)) {
    return true;
  }
  if (action.open_response) return true;
  return std::any_of(action.response_fields.begin(), action.response_fields.end(),
                     [&](const std::string& pattern) { return matches_pattern(pattern, dotted_path); });
}

}  // namespace flowc::catalog
