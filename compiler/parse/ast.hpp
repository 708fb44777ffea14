// The syntax tree the parser builds: what the text says, with spans, before any checking.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/source.hpp"

namespace flowc::ast {

// A name with the place it was written.
struct Name {
  std::string text;
  Span span;
};

// A dotted reference: `row.order_id`, `update.result`, `env.TELEGRAM_CHAT_ID`, `now`, or a bare
// symbol such as `fail` or `id`. The checker decides which it is.
struct Reference {
  std::vector<Name> parts;
  Span span;
  std::string dotted() const;  // "row.order_id"
};

// A filter argument: `default("-")`, `truncate(20)`.
struct Literal {
  enum class Kind { String, Number };
  Kind kind = Kind::String;
  std::string text;  // decoded string, or the number as written
  Span span;
};

struct Filter {
  Name name;
  std::vector<Literal> args;
  Span span;
};

// `{{ row.name | upper | default("-") }}`
struct Interpolation {
  Reference ref;
  std::vector<Filter> filters;
  Span span;  // covers `{{ ... }}`
};

// A string literal split into literal text and interpolations. Escapes are decoded and a `"""`
// string is already dedented.
struct TemplatePart {
  bool is_interpolation = false;
  std::string text;           // when !is_interpolation
  Interpolation interpolation;  // when is_interpolation
};

struct TemplateString {
  std::vector<TemplatePart> parts;
  bool multiline = false;
  Span span;
};

// Milliseconds is last so the earlier values keep their meaning; `500ms` is a valid duration.
enum class TimeUnit { Seconds, Minutes, Hours, Days, Milliseconds };

struct Value {
  enum class Kind { String, Number, Bool, Reference, List, Duration, Rate };
  Kind kind = Kind::String;
  Span span;
  TemplateString string;      // String
  std::string number_text;    // Number as written; Duration/Rate amount
  bool boolean = false;       // Bool
  Reference reference;        // Reference (also bare symbols: `id`, `first`)
  std::vector<Value> items;   // List
  TimeUnit unit = TimeUnit::Seconds;  // Duration (`30s`), Rate (`100/min`)
};

// `client.person = row.customer`
struct Field {
  std::vector<Name> path;  // dotted field name
  Span span;               // the whole `name = value`
  Value value;
  std::string dotted() const;
};

enum class CompareOp {
  Eq, Ne, Lt, Le, Gt, Ge, Contains, NotContains, StartsWith, EndsWith, Matches, IsEmpty, IsNotEmpty
};

struct Condition {
  enum class Kind { And, Or, Not, Compare };
  Kind kind = Kind::Compare;
  Span span;
  std::vector<Condition> operands;  // And/Or: two or more; Not: one
  CompareOp op = CompareOp::Eq;     // Compare
  Value lhs;                        // Compare
  Value rhs;                        // Compare, except IsEmpty / IsNotEmpty
  Span op_span;
};

// `account crm = keepincrm { api_key = env.KEEPINCRM_API_KEY }`
struct Account {
  Name name;
  Name connector;
  std::vector<Field> fields;
  Span span;
};

// `source row = sheets.new_rows { ... where COND }`
struct Source {
  Name name;
  Name account;
  Name action;
  std::vector<Field> fields;
  std::optional<Condition> where;
  Span span;
};

// `send [NAME =] ACCOUNT.ACTION { ... }`
struct Send {
  std::optional<Name> name;
  Name account;
  Name action;
  std::vector<Field> fields;
  Span span;  // the `send` keyword through the closing brace
};

struct Step;

struct IfBranch {
  Condition condition;
  std::vector<Step> body;
  Span span;  // the `if`/`else if` keyword
};

// `if C then ... else if C then ... else ... end`
struct If {
  std::vector<IfBranch> branches;
  std::optional<std::vector<Step>> else_body;
  Span span;
};

struct Step {
  enum class Kind { Send, If };
  Kind kind = Kind::Send;
  Send send;
  If if_;
};

struct TimeOfDay {
  int hour = 0;
  int minute = 0;
  Span span;
};

// `schedule every 15m` | `schedule at 09:00, 18:30 timezone "Europe/Kyiv"` | `schedule after "x"`
struct Schedule {
  enum class Kind { Every, At, After };
  Kind kind = Kind::Every;
  Span span;
  Value every;                       // Every: a Duration value
  std::vector<TimeOfDay> times;      // At
  std::optional<Name> timezone;      // At, decoded zone name with the span of its string
  Name after;                        // After: the other flow's name
};

// `settings { concurrency = 8  retries = 5  timeout = 30s }`
struct Settings {
  std::vector<Field> fields;
  Span span;
};

struct Flow {
  std::optional<Name> name;  // `flow "..."`
  std::vector<Account> accounts;
  std::vector<Source> sources;  // the checker allows exactly one
  std::vector<Step> steps;
  std::vector<Schedule> schedules;
  std::vector<Settings> settings;
};

}  // namespace flowc::ast
