#include "compiler/report/diagnostic_explanations.hpp"

#include <array>

#include "grammar/error_messages.hpp"
#include "ir/diagnostic_codes.hpp"
#include "ir/manifest/manifest_codes.hpp"

namespace flowc {
namespace {

constexpr std::string_view kBaseFlow = R"(flow "explain example"

account sheets = google_sheets { api_key = env.GOOGLE_API_KEY }
account crm    = keepincrm     { api_key = env.KEEPINCRM_API_KEY }
account bot    = telegram      { bot_token = env.TELEGRAM_BOT_TOKEN }

source row = sheets.new_rows { spreadsheet = "1AbCdEf"  sheet = "Orders" }

send update = crm.update_order { find_by = id  id = row.order_id  total = row.amount }

if update.result == fail then
  send bot.send_message { chat_id = env.TELEGRAM_CHAT_ID  text = "{{update.errors}}" }
end
)";

// clang-format off
constexpr std::array kExplanations{
DiagnosticExplanation{"E001",
 "A line starts with something that is not a statement. Every top-level line begins with `flow`, `account`, "
 "`source`, `send`, `if`, `schedule` or `settings` (or is blank, or a `#` comment). A misspelt keyword is the usual cause.",
 "sned note = bot.send_message { chat_id = \"1\"  text = \"x\" }", true,
 "Spell the keyword right.",
 "send note = bot.send_message { chat_id = \"1\"  text = \"{{update.errors}}\" }"},
DiagnosticExplanation{"E002",
 "`account NAME` and `source NAME` are followed by `=` and then what they are.",
 "account mail email { smtp_url = \"smtps://smtp.example.com\" }", true,
 "Put `=` between the name and the connector.",
 "account mail = email { smtp_url = \"smtps://smtp.example.com\" }"},
DiagnosticExplanation{"E003",
 "A `\"...\"` string must close on the line it starts on. Text that spans lines goes in a `\"\"\"` string, "
 "which is dedented.",
 "send bot.send_message { chat_id = \"1\"  text = \"no closing quote }", true,
 "Close the string (or use `\"\"\"` for several lines).",
 "send bot.send_message { chat_id = \"1\"  text = \"closing quote\" }"},
DiagnosticExplanation{"E004",
 "A `{{` in a string starts a template reference that must end with `}}`. To write a literal `{`, escape it as `\\{`.",
 "send bot.send_message { chat_id = \"1\"  text = \"{{row.name\" }", true,
 "Close the reference with `}}`.",
 "send bot.send_message { chat_id = \"1\"  text = \"{{row.name}}\" }"},
DiagnosticExplanation{"E005",
 "Every `if ... then` is closed by `end`, after its steps and any `else if` / `else` branches. The error points "
 "where the parser expected the `end`: often the end of the file.",
 "if update.result == success then", true,
 "Add `end` after the branch's steps.",
 "if update.result == success then\nend"},
DiagnosticExplanation{"E006",
 "A name was expected: after `account` or `source`, after a `.` in a reference, after `|` in a template, or a "
 "string after `flow`. Names are letters, digits and `_`, starting with a letter or `_`.",
 "account = keepincrm { api_key = env.KEEPINCRM_API_KEY }", true,
 "Give the account a name.",
 "account crm2 = keepincrm { api_key = env.KEEPINCRM_API_KEY }"},
DiagnosticExplanation{"E007",
 "A `source` and a `send` name what they do as `ACCOUNT.ACTION`: the account declared with `account`, a dot, "
 "and one of its connector's actions (`flowc connectors NAME` lists them).",
 "send bot { chat_id = \"1\"  text = \"x\" }", true,
 "Name the action after the account.",
 "send bot.send_message { chat_id = \"1\"  text = \"x\" }"},
DiagnosticExplanation{"E008",
 "A field's `=` is followed by its value: a string, number, `true`/`false`, a reference such as `row.name`, a "
 "list `[...]`, a duration (`15m`) or a rate (`5/s`). An empty value is written `\"\"`.",
 "send bot.send_message { chat_id = \"1\"  text = }", true,
 "Write the value, or `\"\"` for an empty text.",
 "send bot.send_message { chat_id = \"1\"  text = \"\" }"},
DiagnosticExplanation{"E009",
 "A field block `{ ... }` holds `name = value` fields and ends with `}`. The error also appears when the `{` "
 "is missing, as after `settings`.",
 "settings concurrency = 2", true,
 "Put the fields in braces.",
 "settings { concurrency = 2 }"},
DiagnosticExplanation{"E010",
 "A statement ends at the end of its line; something was left after it. Two statements on one line, or a "
 "word the statement does not take, are the usual causes.",
 "schedule every 15m daily", true,
 "Remove the extra text, or put it on its own line as its own statement.",
 "schedule every 15m"},
DiagnosticExplanation{"E011",
 "A condition compares two values with an operator (`==`, `!=`, `<`, `contains`, `matches`, `is empty`, ...), "
 "joined with `and`, `or`, `not` and parentheses. A bare value is not a condition.",
 "if update.result then\nend", true,
 "Compare the value with something.",
 "if update.result == success then\nend"},
DiagnosticExplanation{"E012",
 "`if CONDITION` and `else if CONDITION` end their line with `then`; the steps follow on the next lines.",
 "if update.result == fail\nend", true,
 "Add `then` after the condition.",
 "if update.result == fail then\nend"},
DiagnosticExplanation{"E013",
 "A backslash in a string starts an escape: `\\\"`, `\\\\`, `\\n`, `\\t`, `\\{` or `\\u{XXXX}`. Any other letter "
 "after a backslash is a mistake, typically a Windows path.",
 "send bot.send_message { chat_id = \"1\"  text = \"C:\\temp\\orders\" }", true,
 "Double the backslashes (or use `/`).",
 "send bot.send_message { chat_id = \"1\"  text = \"C:\\\\temp\\\\orders\" }"},
DiagnosticExplanation{"E014",
 "`schedule` is followed by `every DURATION`, `at HH:MM[, HH:MM...] [timezone \"ZONE\"]` or `after \"FLOW\"`. "
 "Hours go 0-23 and minutes 0-59.",
 "schedule at 24:00", true,
 "Write a valid time of day; midnight is `00:00`.",
 "schedule at 00:00"},
DiagnosticExplanation{"E015",
 "A `[` (list) or `(` (grouped condition, filter arguments) was not closed before the end of the line.",
 "if (update.result == fail then\nend", true,
 "Close the parenthesis.",
 "if (update.result == fail) then\nend"},
DiagnosticExplanation{"E016",
 "Some clauses may appear once: a flow has one `flow \"NAME\"` line and a source one `where` (join conditions "
 "with `and` instead).",
 "flow \"again\"", true,
 "Keep one flow name.",
 ""},
DiagnosticExplanation{"E017",
 "Ifs, parentheses, lists and `not` nest at most 64 levels deep. The limit keeps a hostile or generated file "
 "from exhausting the stack; a hand-written flow never comes near it.",
 "more than 64 levels of nested `if`, parentheses, lists or `not`", false,
 "Flatten the logic: join conditions with `and`/`or` instead of nesting `if`s, or split the flow in two with "
 "`schedule after`."},
DiagnosticExplanation{"E018",
 "A flow file is UTF-8 text. The file has bytes that are not UTF-8 (it was saved in another encoding, such as "
 "Windows-1251) or holds a NUL byte (it is not text at all).",
 "a file saved as Windows-1251, or one holding a NUL byte", false,
 "Save the file as UTF-8 (`iconv -f cp1251 -t utf-8 old.flow > new.flow`)."},
DiagnosticExplanation{"E019",
 "A note, not an error of its own: after 50 syntax errors the parser stops, since the rest of the file is "
 "usually one early mistake repeated (an unclosed string or block).",
 "a file with more than 50 syntax errors", false,
 "Fix the first errors; the later ones often disappear with them."},
DiagnosticExplanation{"E020",
 "`account NAME = CONNECTOR` names a connector flowc does not have. `flowc connectors` lists them.",
 "account chat = smoke_signals { token = env.SIGNAL_TOKEN }", true,
 "Use a connector that exists, or `http` to call any JSON API.",
 "account chat = telegram { bot_token = env.TELEGRAM_BOT_TOKEN }"},
DiagnosticExplanation{"E021",
 "A `source` or `send` names an account that no `account` line declares.",
 "send mailer.send { to = [\"a@example.com\"]  subject = \"s\"  body = \"b\" }", true,
 "Declare the account (or fix the name).",
 "account mailer = email { smtp_url = \"smtps://smtp.example.com\" }\n"
 "send mailer.send { to = [\"a@example.com\"]  subject = \"s\"  body = \"b\" }"},
DiagnosticExplanation{"E022",
 "The account's connector has no action of that name. `flowc connectors CONNECTOR` lists its actions.",
 "send crm.delete_order { id = row.order_id }", true,
 "Use one of the connector's actions.",
 "send crm.update_order { find_by = id  id = row.order_id }"},
DiagnosticExplanation{"E023",
 "Actions are either sources (they read rows: `source row = ...`) or sends (they act once per row: "
 "`send ...`). One was used as the other.",
 "send sheets.new_rows { spreadsheet = \"1AbCdEf\"  sheet = \"Orders\" }", true,
 "Use a send action in a `send`.",
 "send bot.send_message { chat_id = \"1\"  text = \"x\" }"},
DiagnosticExplanation{"E024",
 "Accounts, the source and named sends share one namespace: each name is defined once.",
 "account crm = telegram { bot_token = env.TELEGRAM_BOT_TOKEN }", true,
 "Rename one of them.",
 "account alerts = telegram { bot_token = env.TELEGRAM_BOT_TOKEN }"},
DiagnosticExplanation{"E025",
 "`env`, `flow`, `run`, `now` and the result values `success`, `fail`, `skipped` have a meaning of their own "
 "and cannot name an account, the source or a send.",
 "send fail = bot.send_message { chat_id = \"1\"  text = \"x\" }", true,
 "Pick another name.",
 "send alert = bot.send_message { chat_id = \"1\"  text = \"x\" }"},
DiagnosticExplanation{"E026",
 "A flow reads its rows from exactly one `source`; without one there is nothing to run.",
 "flow \"no source\"\naccount bot = telegram { bot_token = env.TELEGRAM_BOT_TOKEN }\n"
 "send bot.send_message { chat_id = \"1\"  text = \"x\" }", false,
 "Add a `source NAME = ACCOUNT.ACTION { ... }` line, such as `source row = files.new_rows { path = \"orders.csv\" }`."},
DiagnosticExplanation{"E027",
 "A flow has one source: each run walks its rows. To combine two sheets, write two flows (one can run "
 "`schedule after` the other).",
 "source more = sheets.new_rows { spreadsheet = \"1AbCdEf\"  sheet = \"Returns\" }", true,
 "Move the second source to a flow of its own.",
 ""},
DiagnosticExplanation{"E030",
 "The action (or account) has no field of that name, usually a typo. The message suggests the closest name; "
 "`flowc connectors CONNECTOR` lists every field.",
 "send bot.send_message { chat_id = \"1\"  txet = \"x\" }", true,
 "Spell the field right.",
 "send bot.send_message { chat_id = \"1\"  text = \"x\" }"},
DiagnosticExplanation{"E031",
 "The action needs this field and it is not set.",
 "send bot.send_message { chat_id = \"1\" }", true,
 "Set the field.",
 "send bot.send_message { chat_id = \"1\"  text = \"x\" }"},
DiagnosticExplanation{"E032",
 "A field is set twice in one block; only one value can be sent.",
 "send bot.send_message { chat_id = \"1\"  text = \"x\"  text = \"y\" }", true,
 "Keep one of them (a template can combine both texts).",
 "send bot.send_message { chat_id = \"1\"  text = \"x y\" }"},
DiagnosticExplanation{"E033",
 "The value's kind does not fit the field's type: a string for a bool, a list for a number, a literal word for "
 "a number. References and templates are checked when the row is known.",
 "send bot.send_message { chat_id = \"1\"  text = \"x\"  disable_preview = \"yes\" }", true,
 "Write a value of the field's type.",
 "send bot.send_message { chat_id = \"1\"  text = \"x\"  disable_preview = true }"},
DiagnosticExplanation{"E034",
 "The field takes one of a fixed set of values (listed in the message and by `flowc connectors`). Choices are "
 "case-sensitive.",
 "send bot.send_message { chat_id = \"1\"  text = \"x\"  parse_mode = html }", true,
 "Use one of the choices as written.",
 "send bot.send_message { chat_id = \"1\"  text = \"x\"  parse_mode = HTML }"},
DiagnosticExplanation{"E035",
 "A secret (token, key, password) is written into the file, where it would be committed and shown in logs. "
 "Secrets come only from the environment.",
 "account alerts = telegram { bot_token = \"123456:ABC-xyz\" }", true,
 "Read it from `env.NAME`, set in the environment or a `.env` file.",
 "account alerts = telegram { bot_token = env.ALERT_BOT_TOKEN }"},
DiagnosticExplanation{"E036",
 "A number, duration or rate is outside what the field accepts: a rate of zero requests, a negative count, a "
 "duration too long to mean anything.",
 "account alerts = telegram { bot_token = env.ALERT_BOT_TOKEN  rate_limit = 0/s }", true,
 "Use a positive value.",
 "account alerts = telegram { bot_token = env.ALERT_BOT_TOKEN  rate_limit = 5/s }"},
DiagnosticExplanation{"E040",
 "A reference names something not defined: not the source's row variable, a send, `env`, `flow`, `run` or "
 "`now`. Often a typo, or the name of the source written differently.",
 "send bot.send_message { chat_id = \"1\"  text = customer.name }", true,
 "Refer to the row (or a send) by its name.",
 "send bot.send_message { chat_id = \"1\"  text = row.name }"},
DiagnosticExplanation{"E041",
 "Steps run top to bottom: a send can only read sends above it, whose results exist by then.",
 "send first = bot.send_message { chat_id = \"1\"  text = \"{{second.errors}}\" }\n"
 "send second = bot.send_message { chat_id = \"1\"  text = \"x\" }", true,
 "Move the send that is read above the one that reads it.",
 "send second = bot.send_message { chat_id = \"1\"  text = \"x\" }\n"
 "send first = bot.send_message { chat_id = \"1\"  text = \"{{second.errors}}\" }"},
DiagnosticExplanation{"E042",
 "A send's fields are rendered before it runs, so it cannot read its own result, status or response.",
 "send note = bot.send_message { chat_id = \"1\"  text = \"{{note.status}}\" }", true,
 "Read an earlier send instead.",
 "send note = bot.send_message { chat_id = \"1\"  text = \"{{update.status}}\" }"},
DiagnosticExplanation{"E043",
 "The send's action does not return that field (each action's response fields are listed by `flowc "
 "connectors`), or `flow`/`run` has no such value. Every send has `result`, `errors` and `status`.",
 "send bot.send_message { chat_id = \"1\"  text = \"{{update.colour}}\" }", true,
 "Read a field the action returns.",
 "send bot.send_message { chat_id = \"1\"  text = \"{{update.title}}\" }"},
DiagnosticExplanation{"E044",
 "Some places cannot read some values: account fields are fixed for the run and cannot read the row or a "
 "send; a source's fields and `where` cannot read a send, which has not run yet.",
 "account hooks = http { base_url = row.url }", true,
 "Use a literal or `env.NAME` there, and move row-dependent parts into the send's fields.",
 "account hooks = http { base_url = env.HOOKS_URL }"},
DiagnosticExplanation{"E045",
 "A template filter (`{{row.name | upper}}`) names a filter that does not exist. docs/language.md lists them "
 "(upper, lower, trim, default, truncate, ...).",
 "send bot.send_message { chat_id = \"1\"  text = \"{{row.name | upcase}}\" }", true,
 "Use a filter that exists.",
 "send bot.send_message { chat_id = \"1\"  text = \"{{row.name | upper}}\" }"},
DiagnosticExplanation{"E046",
 "The filter takes a different number of arguments, such as `truncate(N)` or `default(\"text\")`.",
 "send bot.send_message { chat_id = \"1\"  text = \"{{row.note | truncate}}\" }", true,
 "Pass the arguments the filter takes.",
 "send bot.send_message { chat_id = \"1\"  text = \"{{row.note | truncate(100)}}\" }"},
DiagnosticExplanation{"E050",
 "`NAME.result` is one of `success`, `fail` or `skipped`, written bare. Anything else (a string, another word) "
 "would never match, so it is an error rather than a silent false.",
 "if update.result == \"failed\" then\nend", true,
 "Compare with `success`, `fail` or `skipped`.",
 "if update.result == fail then\nend"},
DiagnosticExplanation{"E051",
 "Results are not ordered: `NAME.result` compares only with `==` and `!=`.",
 "if update.result > fail then\nend", true,
 "Use `==` or `!=`.",
 "if update.result != fail then\nend"},
DiagnosticExplanation{"E052",
 "The regular expression after `matches` (RE2 syntax) does not compile. A literal pattern is checked when the "
 "flow compiles, so the mistake never reaches a run.",
 "if row.email matches \"([a-z]+\" then\nend", true,
 "Fix the pattern.",
 "if row.email matches \"([a-z]+)\" then\nend"},
DiagnosticExplanation{"E053",
 "Lists, durations and rates have no order or text to compare; conditions compare texts and numbers.",
 "if row.tag == [\"a\", \"b\"] then\nend", true,
 "Compare with each value, joined by `or`.",
 "if row.tag == \"a\" or row.tag == \"b\" then\nend"},
DiagnosticExplanation{"E060",
 "A time of day in compiled IR is outside 00:00-23:59. In a flow file the parser reports this as E014; E060 "
 "appears when a hand-edited IR file is loaded.",
 "an IR file edited so that a schedule runs at 24:00", false,
 "Recompile the flow with `flowc compile` instead of editing the IR."},
DiagnosticExplanation{"E061",
 "`schedule every` needs a positive interval.",
 "schedule every 0m", true,
 "Give a positive interval.",
 "schedule every 15m"},
DiagnosticExplanation{"E062",
 "The time zone is not an IANA zone name known to the system's time zone database. Names are case-sensitive "
 "and use English spellings (`Europe/Kyiv`).",
 "schedule at 09:00 timezone \"Europe/Kyjiw\"", true,
 "Use the IANA name.",
 "schedule at 09:00 timezone \"Europe/Kyiv\""},
DiagnosticExplanation{"E063",
 "`schedule after \"NAME\"` names this same flow, which would run it again after every run, forever.",
 "schedule after \"explain example\"", true,
 "Name another flow, or use `schedule every`.",
 "schedule after \"clients-sync\""},
DiagnosticExplanation{"E070",
 "The `settings` block takes `concurrency`, `retries`, `timeout` and `stop_after_failures`; this name is none of them.",
 "settings { paralel = 4 }", true,
 "Use a setting that exists.",
 "settings { concurrency = 4 }"},
DiagnosticExplanation{"E071",
 "A setting is outside its range (for example concurrency 1-1000, retries 0-20, timeout above 0, stop_after_failures 0-1000000).",
 "settings { concurrency = 0 }", true,
 "Use a value in range.",
 "settings { concurrency = 1 }"},
DiagnosticExplanation{"E072",
 "A flow has one `settings` block; two would leave it unclear which value wins.",
 "settings { retries = 1 }\nsettings { timeout = 10s }", true,
 "Merge them into one block.",
 "settings { retries = 1  timeout = 10s }"},
DiagnosticExplanation{"E090",
 "An IR file given to `flowc run` does not hold together (a send names an account of another connector, a "
 "reference points at a send that does not exist). IR files are checked again when loaded, since they can be "
 "edited or come from another version of flowc.",
 "running an IR file edited so that a send names an account of another connector", false,
 "Recompile the .flow with `flowc compile`, or run the .flow directly."},
DiagnosticExplanation{"W001",
 "A send has a name but nothing reads it. Naming a send says a later step reads its result or response; "
 "when none does, a failure of it goes unhandled (the run exits with code 3) and the name is likely a leftover.",
 "send spare = bot.send_message { chat_id = \"1\"  text = \"x\" }", true,
 "Check its result with an `if`, or drop the name.",
 "send bot.send_message { chat_id = \"1\"  text = \"x\" }"},
DiagnosticExplanation{"W002",
 "The condition can never hold, so its branch never runs. A send at the top level always runs, so it is "
 "never `skipped`; two comparisons joined by `and` may exclude each other.",
 "if update.result == skipped then\nend", true,
 "Compare with a value the send can have.",
 "if update.result == success then\nend"},
DiagnosticExplanation{"W003",
 "An `else if` or `else` can never run, because an earlier branch's condition is always true.",
 "if 1 == 1 then\nelse if row.status == \"new\" then\nend", true,
 "Remove the always-true condition or the dead branch.",
 "if row.status == \"new\" then\nend"},
DiagnosticExplanation{"W004",
 "The same trigger appears twice; the flow still runs once per trigger time.",
 "schedule at 09:00, 09:00", true,
 "Remove the repetition.",
 "schedule at 09:00"},
DiagnosticExplanation{"W005",
 "`insecure_tls = true` turns off TLS certificate verification for every request of the account, "
 "so anyone between flowc and the service can read and change the traffic, credentials included. "
 "It exists for self-signed test servers only.",
 "account test = keepincrm { api_key = env.TEST_KEY  insecure_tls = true }", true,
 "Remove `insecure_tls`, and give the test server a certificate the machine trusts.",
 "account test = keepincrm { api_key = env.TEST_KEY }"},
DiagnosticExplanation{"W006",
 "A literal `base_url` with plain `http://` to a host that is not this machine would carry the "
 "account's secrets (API key, token, password) unencrypted over the network.",
 "account test = keepincrm { api_key = env.TEST_KEY  base_url = \"http://crm.example.com/v1\" }", true,
 "Use `https://`, or a loopback address for a local test server.",
 "account test = keepincrm { api_key = env.TEST_KEY  base_url = \"https://crm.example.com/v1\" }"},
DiagnosticExplanation{"W007",
 "`flowc check` read the header of the source's local CSV file (`csv` `new_rows` with a plain `path`), and a "
 "`row.NAME` (or the source's `key`) names a column the header does not have. At run time the reference would "
 "find no such column. `row.number`, the row's number, is always there.",
 "a `csv` source whose file's header is `order_id,status`, and `row.ordr_id` in a send", false,
 "Use the column's name as the header writes it (the help suggests the closest one), or fix the header."},
DiagnosticExplanation{"W008",
 "`flowc check` tried to read the header of the source's local CSV file, to check the columns `row.NAME` "
 "reads, and could not: the file is missing or unreadable, or its header is malformed. It is a warning, not an "
 "error: the file may be written by something else before the flow runs.",
 "a `csv` source with `path = \"orders.csv\"` where no orders.csv exists yet", false,
 "Fix the path if it is wrong (it is relative to the account's `dir`, else to the flow file); otherwise the "
 "warning goes away once the file is there."},
};
// clang-format on

}  // namespace

std::string_view explanation_base_flow() {
  return kBaseFlow;
}

std::span<const DiagnosticExplanation> diagnostic_explanations() {
  return kExplanations;
}

const DiagnosticExplanation* find_explanation(std::string_view code) {
  for (const DiagnosticExplanation& entry : kExplanations) {
    if (entry.code == code) return &entry;
  }
  for (const DiagnosticExplanation& entry : manifest_explanations()) {
    if (entry.code == code) return &entry;
  }
  return nullptr;
}

std::string_view diagnostic_title(std::string_view code) {
  for (const auto& entry : grammar::syntax_error_codes()) {
    if (entry.code == code) return entry.meaning;
  }
  if (const DiagnosticCode* entry = find_diagnostic_code(code)) return entry->title;
  for (const DiagnosticCode& entry : manifest::manifest_codes()) {
    if (entry.code == code) return entry.title;
  }
  return {};
}

}  // namespace flowc
