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

// Fields a source of rows has: what makes a row "new" (google_sheets' manifest declares the same).
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

std::vector<ConnectorSpec> native_connectors() {
  return {csv_connector(), email_connector()};
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
