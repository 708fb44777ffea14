// The checked intermediate representation: what the interpreter runs and `flowc compile` prints.
// Every name is resolved, every template is split into parts, and nothing holds a secret's
// value: environment references stay references until the moment of use.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/source.hpp"

namespace flowc::ir {

inline constexpr int kVersion = 1;

// What a reference points at.
enum class RefRoot {
  Row,   // row.COLUMN, row.number
  Send,  // NAME.result / .errors / .status / .<response field path>
  Env,   // env.NAME
  Flow,  // flow.name, flow.file
  Run,   // run.id, run.started_at
  Now,   // now
};

// The root a built-in word names (`env`, `flow`, `run`, `now`); nullopt for any other word, which
// is the source's row variable or a send's name, depending on the flow.
std::optional<RefRoot> builtin_root(std::string_view word);

struct Ref {
  RefRoot root = RefRoot::Row;
  std::string send;               // RefRoot::Send: the send's name
  std::vector<std::string> path;  // row: {column}; send: {"result"} or response path; env: {NAME}
  Span span;
  std::string dotted() const;     // as written: "row.order_id", "update.result"
};

struct Filter {
  std::string name;               // one of the template filters the checker knows
  std::vector<std::string> args;  // literal arguments, as text
};

struct TemplatePart {
  bool is_ref = false;
  std::string text;              // literal text when !is_ref
  Ref ref;                       // when is_ref
  std::vector<Filter> filters;   // when is_ref, applied left to right
};

struct Value {
  enum class Kind { Template, Number, Bool, Ref, List, Symbol, Duration, Rate };
  Kind kind = Kind::Template;
  Span span;
  std::vector<TemplatePart> parts;  // Template
  std::string text;                 // Number as written; Symbol name (`id`, `first`, `fail`)
  double number = 0;                // Number
  bool boolean = false;             // Bool
  Ref ref;                          // Ref
  std::vector<Value> items;         // List
  std::int64_t millis = 0;          // Duration; Rate: the period of `per`
  std::int64_t count = 0;           // Rate: requests per period
};

// A mapped field; `path` is the dotted name split ("client", "person").
struct Field {
  std::vector<std::string> path;
  Value value;
  Span span;

  // True for the field written `name = ...` (one word, not `name.more`).
  bool is_named(std::string_view name) const { return path.size() == 1 && path[0] == name; }
};

// The field written `name = ...` among `fields`; null when there is none.
const Field* find_field(const std::vector<Field>& fields, std::string_view name);

enum class CompareOp {
  Eq, Ne, Lt, Le, Gt, Ge, Contains, NotContains, StartsWith, EndsWith, Matches, IsEmpty, IsNotEmpty
};

struct Condition {
  enum class Kind { And, Or, Not, Compare };
  Kind kind = Kind::Compare;
  std::vector<Condition> operands;
  CompareOp op = CompareOp::Eq;
  Value lhs;
  Value rhs;  // for `NAME.result == fail` the rhs is Symbol "fail"
  Span span;
};

struct Account {
  std::string name;
  std::string connector;  // catalog connector name
  std::vector<Field> fields;
  Span span;
};

struct Source {
  std::string name;     // the row variable, `row` in the samples
  std::string account;
  std::string connector;
  std::string action;
  std::vector<Field> fields;
  std::optional<Condition> where;
  Span span;
};

struct Send {
  std::string name;      // as written, or "send_<index>" for an unnamed send
  bool named = false;
  int index = 0;         // position in document order, 0-based; names state per send
  std::string account;
  std::string connector;
  std::string action;
  std::vector<Field> fields;
  bool result_examined = false;  // some `if` looks at NAME.result: a fail is handled
  Span span;
};

struct Step;

struct Branch {
  Condition condition;
  std::vector<Step> body;
};

struct If {
  std::vector<Branch> branches;   // `if` then each `else if`
  std::vector<Step> else_body;
  Span span;
};

struct Step {
  enum class Kind { Send, If };
  Kind kind = Kind::Send;
  Send send;
  If if_;
};

struct Schedule {
  enum class Kind { Every, At, After };
  Kind kind = Kind::Every;
  std::int64_t every_millis = 0;
  std::vector<int> minutes_of_day;  // At: 09:00 -> 540
  std::string timezone;             // At: IANA name, empty = the machine's zone
  std::string after;                // After: the other flow's name
  Span span;
};

struct Settings {
  int concurrency = 8;
  int retries = 5;
  std::int64_t timeout_millis = 30'000;
  // A run stops reading rows once this many rows in a row failed the same way (a service that is
  // down); 0: never.
  int stop_after_failures = 0;
};

struct Flow {
  int version = kVersion;
  std::string name;
  std::string file;  // the .flow path it was compiled from
  std::vector<Account> accounts;
  Source source;
  std::vector<Step> steps;
  std::vector<Schedule> schedules;
  Settings settings;
  int send_count = 0;  // sends in the flow; Send::index < send_count
};

// The condition as flow text, rebuilt from the IR ("update.result == fail"), for graphs and
// dry-run headings of IR files that come without their source.
std::string condition_text(const Condition& condition);

// Calls `visit` for every send of `steps`, in document order, branches included.
void for_each_send(const std::vector<Step>& steps, const std::function<void(const Send&)>& visit);

}  // namespace flowc::ir
