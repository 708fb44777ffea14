// Reading the IR back from JSON (`flowc run` of a compiled file): every reader takes the JSON path
// of the value it reads, so an error names it.
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <array>
#include <limits>
#include <stdexcept>

#include "base/json/json_parse.hpp"
#include "ir/json/ir_json.hpp"
#include "ir/json/ir_json_names.hpp"

namespace flowc {
namespace {

using ir_json_names::kCompareOps;
using ir_json_names::kRefRoots;

struct LoadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using Json = rapidjson::Value;

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw LoadError(path.empty() ? message : path + ": " + message);
}

std::string join_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string index_path(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

const char* json_kind(const Json& value) {
  if (value.IsObject()) return "an object";
  if (value.IsArray()) return "an array";
  if (value.IsString()) return "a string";
  if (value.IsNumber()) return "a number";
  if (value.IsBool()) return "a boolean";
  return "null";
}

void expect_object(const Json& value, const std::string& path) {
  if (!value.IsObject()) fail(path, fmt::format("expected an object, found {}", json_kind(value)));
}

const Json& member(const Json& object, const std::string& path, std::string_view key) {
  expect_object(object, path);
  const auto it = object.FindMember(rapidjson::StringRef(key.data(), key.size()));
  if (it == object.MemberEnd()) fail(join_path(path, key), "missing");
  return it->value;
}

const Json* optional_member(const Json& object, std::string_view key) {
  const auto it = object.FindMember(rapidjson::StringRef(key.data(), key.size()));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

const Json::ConstArray array_of(const Json& value, const std::string& path) {
  if (!value.IsArray()) fail(path, fmt::format("expected an array, found {}", json_kind(value)));
  return value.GetArray();
}

std::string string_of(const Json& value, const std::string& path) {
  if (!value.IsString()) fail(path, fmt::format("expected a string, found {}", json_kind(value)));
  return std::string(value.GetString(), value.GetStringLength());
}

bool bool_of(const Json& value, const std::string& path) {
  if (!value.IsBool()) fail(path, fmt::format("expected true or false, found {}", json_kind(value)));
  return value.GetBool();
}

std::int64_t int_of(const Json& value, const std::string& path, std::int64_t min,
                    std::int64_t max = std::numeric_limits<std::int64_t>::max()) {
  if (!value.IsInt64()) fail(path, fmt::format("expected an integer, found {}", json_kind(value)));
  const std::int64_t number = value.GetInt64();
  if (number < min || number > max) fail(path, fmt::format("{} is out of range {}..{}", number, min, max));
  return number;
}

std::string string_at(const Json& object, const std::string& path, std::string_view key) {
  return string_of(member(object, path, key), join_path(path, key));
}

std::vector<std::string> strings_at(const Json& object, const std::string& path, std::string_view key) {
  const std::string here = join_path(path, key);
  std::vector<std::string> out;
  std::size_t i = 0;
  for (const Json& item : array_of(member(object, path, key), here))
    out.push_back(string_of(item, index_path(here, i++)));
  return out;
}

Span read_span(const Json& object, const std::string& path) {
  const std::string here = join_path(path, "at");
  const auto items = array_of(member(object, path, "at"), here);
  if (items.Size() != 3) fail(here, "expected [line, column, length]");
  constexpr std::int64_t kMax = std::numeric_limits<std::uint32_t>::max();
  return Span{0, static_cast<std::uint32_t>(int_of(items[0], index_path(here, 0), 0, kMax)),
              static_cast<std::uint32_t>(int_of(items[1], index_path(here, 1), 0, kMax)),
              static_cast<std::uint32_t>(int_of(items[2], index_path(here, 2), 0, kMax))};
}

template <typename Enum, std::size_t N>
Enum enum_at(const std::array<std::pair<Enum, std::string_view>, N>& table, const Json& object, const std::string& path,
             std::string_view key, std::string_view what) {
  const std::string text = string_at(object, path, key);
  for (const auto& [entry, name] : table) {
    if (name == text) return entry;
  }
  fail(join_path(path, key), fmt::format("unknown {} \"{}\"", what, text));
}

ir::Ref read_ref(const Json& object, const std::string& path) {
  ir::Ref ref;
  ref.root = enum_at(kRefRoots, object, path, "root", "reference root");
  if (ref.root == ir::RefRoot::Send) {
    ref.send = string_at(object, path, "send");
    if (ref.send.empty()) fail(join_path(path, "send"), "empty send name");
  }
  ref.path = strings_at(object, path, "path");
  ref.span = read_span(object, path);
  const bool path_needed = ref.root != ir::RefRoot::Now;
  if (path_needed == ref.path.empty()) {
    fail(join_path(path, "path"),
         path_needed ? "a reference needs at least one name after its root" : "`now` takes no path");
  }
  return ref;
}

std::vector<ir::TemplatePart> read_template(const Json& value, const std::string& path) {
  std::vector<ir::TemplatePart> parts;
  std::size_t i = 0;
  for (const Json& item : array_of(value, path)) {
    const std::string here = index_path(path, i++);
    expect_object(item, here);
    ir::TemplatePart part;
    if (optional_member(item, "text")) {
      part.text = string_at(item, here, "text");
    } else {
      part.is_ref = true;
      part.ref = read_ref(member(item, here, "ref"), join_path(here, "ref"));
      const std::string filters_path = join_path(here, "filters");
      std::size_t f = 0;
      for (const Json& filter : array_of(member(item, here, "filters"), filters_path)) {
        const std::string filter_path = index_path(filters_path, f++);
        part.filters.push_back({string_at(filter, filter_path, "name"), strings_at(filter, filter_path, "args")});
      }
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

ir::Value read_value(const Json& object, const std::string& path) {
  expect_object(object, path);
  ir::Value value;
  if (const Json* parts = optional_member(object, "template")) {
    value.kind = ir::Value::Kind::Template;
    value.parts = read_template(*parts, join_path(path, "template"));
  } else if (const Json* number = optional_member(object, "number")) {
    value.kind = ir::Value::Kind::Number;
    if (!number->IsNumber())
      fail(join_path(path, "number"), fmt::format("expected a number, found {}", json_kind(*number)));
    value.number = number->GetDouble();
    value.text = string_at(object, path, "text");
  } else if (const Json* boolean = optional_member(object, "bool")) {
    value.kind = ir::Value::Kind::Bool;
    value.boolean = bool_of(*boolean, join_path(path, "bool"));
  } else if (const Json* ref = optional_member(object, "ref")) {
    value.kind = ir::Value::Kind::Ref;
    value.ref = read_ref(*ref, join_path(path, "ref"));
  } else if (const Json* list = optional_member(object, "list")) {
    value.kind = ir::Value::Kind::List;
    const std::string here = join_path(path, "list");
    std::size_t i = 0;
    for (const Json& item : array_of(*list, here)) value.items.push_back(read_value(item, index_path(here, i++)));
  } else if (const Json* symbol = optional_member(object, "symbol")) {
    value.kind = ir::Value::Kind::Symbol;
    value.text = string_of(*symbol, join_path(path, "symbol"));
  } else if (const Json* duration = optional_member(object, "duration_ms")) {
    value.kind = ir::Value::Kind::Duration;
    value.millis = int_of(*duration, join_path(path, "duration_ms"), 0);
  } else if (const Json* rate = optional_member(object, "rate")) {
    value.kind = ir::Value::Kind::Rate;
    const std::string here = join_path(path, "rate");
    value.count = int_of(member(*rate, here, "count"), join_path(here, "count"), 1);
    value.millis = int_of(member(*rate, here, "per_ms"), join_path(here, "per_ms"), 1);
  } else {
    fail(path, "expected a value: one of template, number, bool, ref, list, symbol, duration_ms, rate");
  }
  value.span = read_span(object, path);
  return value;
}

std::vector<ir::Field> read_fields(const Json& object, const std::string& path) {
  const std::string here = join_path(path, "fields");
  std::vector<ir::Field> fields;
  std::size_t i = 0;
  for (const Json& item : array_of(member(object, path, "fields"), here)) {
    const std::string field_path = index_path(here, i++);
    ir::Field field;
    field.path = strings_at(item, field_path, "path");
    if (field.path.empty()) fail(join_path(field_path, "path"), "empty field name");
    field.value = read_value(member(item, field_path, "value"), join_path(field_path, "value"));
    field.span = read_span(item, field_path);
    fields.push_back(std::move(field));
  }
  return fields;
}

ir::Condition read_condition(const Json& object, const std::string& path) {
  expect_object(object, path);
  ir::Condition condition;
  const std::string op = string_at(object, path, "op");
  if (op == "and" || op == "or" || op == "not") {
    condition.kind = op == "and"  ? ir::Condition::Kind::And
                     : op == "or" ? ir::Condition::Kind::Or
                                  : ir::Condition::Kind::Not;
    const std::string here = join_path(path, "operands");
    std::size_t i = 0;
    for (const Json& item : array_of(member(object, path, "operands"), here)) {
      condition.operands.push_back(read_condition(item, index_path(here, i++)));
    }
    const bool arity_ok =
        condition.kind == ir::Condition::Kind::Not ? condition.operands.size() == 1 : condition.operands.size() >= 2;
    if (!arity_ok) fail(here, fmt::format("wrong number of operands for \"{}\"", op));
  } else {
    condition.kind = ir::Condition::Kind::Compare;
    condition.op = enum_at(kCompareOps, object, path, "op", "operator");
    condition.lhs = read_value(member(object, path, "lhs"), join_path(path, "lhs"));
    if (condition.op != ir::CompareOp::IsEmpty && condition.op != ir::CompareOp::IsNotEmpty) {
      condition.rhs = read_value(member(object, path, "rhs"), join_path(path, "rhs"));
    }
  }
  condition.span = read_span(object, path);
  return condition;
}

std::vector<ir::Step> read_steps(const Json& value, const std::string& path);

ir::Send read_send(const Json& object, const std::string& path) {
  ir::Send send;
  send.name = string_at(object, path, "name");
  send.named = bool_of(member(object, path, "named"), join_path(path, "named"));
  send.index = static_cast<int>(
      int_of(member(object, path, "index"), join_path(path, "index"), 0, std::numeric_limits<int>::max()));
  send.account = string_at(object, path, "account");
  send.connector = string_at(object, path, "connector");
  send.action = string_at(object, path, "action");
  send.result_examined = bool_of(member(object, path, "result_examined"), join_path(path, "result_examined"));
  send.fields = read_fields(object, path);
  send.span = read_span(object, path);
  return send;
}

ir::If read_if(const Json& object, const std::string& path) {
  ir::If if_;
  const std::string here = join_path(path, "branches");
  std::size_t i = 0;
  for (const Json& item : array_of(member(object, path, "branches"), here)) {
    const std::string branch_path = index_path(here, i++);
    ir::Branch branch;
    branch.condition = read_condition(member(item, branch_path, "condition"), join_path(branch_path, "condition"));
    branch.body = read_steps(member(item, branch_path, "body"), join_path(branch_path, "body"));
    if_.branches.push_back(std::move(branch));
  }
  if (if_.branches.empty()) fail(here, "an if needs at least one branch");
  if_.else_body = read_steps(member(object, path, "else"), join_path(path, "else"));
  if_.span = read_span(object, path);
  return if_;
}

std::vector<ir::Step> read_steps(const Json& value, const std::string& path) {
  std::vector<ir::Step> steps;
  std::size_t i = 0;
  for (const Json& item : array_of(value, path)) {
    const std::string here = index_path(path, i++);
    expect_object(item, here);
    ir::Step step;
    if (const Json* send = optional_member(item, "send")) {
      step.kind = ir::Step::Kind::Send;
      step.send = read_send(*send, join_path(here, "send"));
    } else if (const Json* if_ = optional_member(item, "if")) {
      step.kind = ir::Step::Kind::If;
      step.if_ = read_if(*if_, join_path(here, "if"));
    } else {
      fail(here, "expected \"send\" or \"if\"");
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

ir::Schedule read_schedule(const Json& object, const std::string& path) {
  ir::Schedule schedule;
  const std::string kind = string_at(object, path, "kind");
  if (kind == "every") {
    schedule.kind = ir::Schedule::Kind::Every;
    schedule.every_millis = int_of(member(object, path, "every_ms"), join_path(path, "every_ms"), 1);
  } else if (kind == "at") {
    schedule.kind = ir::Schedule::Kind::At;
    const std::string here = join_path(path, "minutes_of_day");
    std::size_t i = 0;
    for (const Json& item : array_of(member(object, path, "minutes_of_day"), here)) {
      schedule.minutes_of_day.push_back(static_cast<int>(int_of(item, index_path(here, i++), 0, 24 * 60 - 1)));
    }
    schedule.timezone = string_at(object, path, "timezone");
  } else if (kind == "after") {
    schedule.kind = ir::Schedule::Kind::After;
    schedule.after = string_at(object, path, "flow");
  } else {
    fail(join_path(path, "kind"), fmt::format("unknown schedule kind \"{}\"", kind));
  }
  schedule.span = read_span(object, path);
  return schedule;
}

ir::Source read_source(const Json& object, const std::string& path) {
  ir::Source source;
  source.name = string_at(object, path, "name");
  source.account = string_at(object, path, "account");
  source.connector = string_at(object, path, "connector");
  source.action = string_at(object, path, "action");
  source.fields = read_fields(object, path);
  if (const Json* where = optional_member(object, "where"))
    source.where = read_condition(*where, join_path(path, "where"));
  source.span = read_span(object, path);
  return source;
}

ir::Flow read_flow(const Json& root) {
  expect_object(root, "");
  const Json* version = optional_member(root, "flowc_ir");
  if (!version) fail("", "not flowc IR: missing \"flowc_ir\" version");
  if (!version->IsInt() || version->GetInt() != ir::kVersion) {
    fail("flowc_ir",
         fmt::format("unsupported IR version (this flowc reads version {}); recompile the .flow file", ir::kVersion));
  }
  ir::Flow flow;
  flow.name = string_at(root, "", "name");
  flow.file = string_at(root, "", "file");
  const Json& settings = member(root, "", "settings");
  flow.settings.concurrency =
      static_cast<int>(int_of(member(settings, "settings", "concurrency"), "settings.concurrency", 1, 1000));
  flow.settings.retries = static_cast<int>(int_of(member(settings, "settings", "retries"), "settings.retries", 0, 20));
  flow.settings.timeout_millis = int_of(member(settings, "settings", "timeout_ms"), "settings.timeout_ms", 1);
  if (const Json* stop = optional_member(settings, "stop_after_failures")) {
    flow.settings.stop_after_failures =
        static_cast<int>(int_of(*stop, "settings.stop_after_failures", 0, 1'000'000));
  }
  std::size_t i = 0;
  for (const Json& item : array_of(member(root, "", "accounts"), "accounts")) {
    const std::string here = index_path("accounts", i++);
    ir::Account account;
    account.name = string_at(item, here, "name");
    account.connector = string_at(item, here, "connector");
    account.fields = read_fields(item, here);
    account.span = read_span(item, here);
    flow.accounts.push_back(std::move(account));
  }
  flow.source = read_source(member(root, "", "source"), "source");
  flow.steps = read_steps(member(root, "", "steps"), "steps");
  i = 0;
  for (const Json& item : array_of(member(root, "", "schedules"), "schedules")) {
    flow.schedules.push_back(read_schedule(item, index_path("schedules", i++)));
  }
  flow.send_count =
      static_cast<int>(int_of(member(root, "", "send_count"), "send_count", 0, std::numeric_limits<int>::max()));
  return flow;
}

}  // namespace

std::optional<ir::Flow> ir_from_json(std::string_view text, std::string& error) {
  rapidjson::Document document;
  // Numbers are converted exactly (from_chars), not by RapidJSON 1.1: see json_parse.hpp.
  const rapidjson::ParseResult parsed = parse_json_document(document, text, {.validate_encoding = true});
  if (parsed.IsError()) {
    error = fmt::format("not valid JSON at byte {}: {}", parsed.Offset(), rapidjson::GetParseError_En(parsed.Code()));
    return std::nullopt;
  }
  try {
    return read_flow(document);
  } catch (const LoadError& e) {
    error = e.what();
    return std::nullopt;
  }
}

}  // namespace flowc
