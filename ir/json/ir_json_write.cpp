// Writing the IR as JSON (`flowc compile`): fixed key order and indentation, so the same flow
// gives the same bytes.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>

#include "base/json/json_put.hpp"
#include "ir/json/ir_json.hpp"
#include "ir/json/ir_json_names.hpp"

namespace flowc {
namespace {

using ir_json_names::kCompareOps;
using ir_json_names::kRefRoots;
using ir_json_names::name_of;
using json::put_key;
using json::put_string;

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void put_span(Writer& w, const Span& span) {
  put_key(w, "at");
  w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
  w.StartArray();
  w.Uint(span.line);
  w.Uint(span.column);
  w.Uint(span.length);
  w.EndArray();
  w.SetFormatOptions(rapidjson::kFormatDefault);
}

// Names and filter arguments stay on one line: `"path": ["client", "person"]`.
void put_strings(Writer& w, const std::vector<std::string>& items) {
  w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
  w.StartArray();
  for (const std::string& item : items) put_string(w, item);
  w.EndArray();
  w.SetFormatOptions(rapidjson::kFormatDefault);
}

void put_ref(Writer& w, const ir::Ref& ref) {
  w.StartObject();
  put_key(w, "root");
  put_string(w, name_of(kRefRoots, ref.root));
  if (ref.root == ir::RefRoot::Send) {
    put_key(w, "send");
    put_string(w, ref.send);
  }
  put_key(w, "path");
  put_strings(w, ref.path);
  put_span(w, ref.span);
  w.EndObject();
}

void put_template(Writer& w, const std::vector<ir::TemplatePart>& parts) {
  w.StartArray();
  for (const ir::TemplatePart& part : parts) {
    w.StartObject();
    if (!part.is_ref) {
      put_key(w, "text");
      put_string(w, part.text);
    } else {
      put_key(w, "ref");
      put_ref(w, part.ref);
      put_key(w, "filters");
      w.StartArray();
      for (const ir::Filter& filter : part.filters) {
        w.StartObject();
        put_key(w, "name");
        put_string(w, filter.name);
        put_key(w, "args");
        put_strings(w, filter.args);
        w.EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
}

void put_value(Writer& w, const ir::Value& value) {
  w.StartObject();
  switch (value.kind) {
    case ir::Value::Kind::Template:
      put_key(w, "template");
      put_template(w, value.parts);
      break;
    case ir::Value::Kind::Number:
      put_key(w, "number");
      w.Double(std::isfinite(value.number) ? value.number : 0.0);
      put_key(w, "text");
      put_string(w, value.text);
      break;
    case ir::Value::Kind::Bool:
      put_key(w, "bool");
      w.Bool(value.boolean);
      break;
    case ir::Value::Kind::Ref:
      put_key(w, "ref");
      put_ref(w, value.ref);
      break;
    case ir::Value::Kind::List:
      put_key(w, "list");
      w.StartArray();
      for (const ir::Value& item : value.items) put_value(w, item);
      w.EndArray();
      break;
    case ir::Value::Kind::Symbol:
      put_key(w, "symbol");
      put_string(w, value.text);
      break;
    case ir::Value::Kind::Duration:
      put_key(w, "duration_ms");
      w.Int64(value.millis);
      break;
    case ir::Value::Kind::Rate:
      put_key(w, "rate");
      w.StartObject();
      put_key(w, "count");
      w.Int64(value.count);
      put_key(w, "per_ms");
      w.Int64(value.millis);
      w.EndObject();
      break;
  }
  put_span(w, value.span);
  w.EndObject();
}

void put_fields(Writer& w, const std::vector<ir::Field>& fields) {
  put_key(w, "fields");
  w.StartArray();
  for (const ir::Field& field : fields) {
    w.StartObject();
    put_key(w, "path");
    put_strings(w, field.path);
    put_key(w, "value");
    put_value(w, field.value);
    put_span(w, field.span);
    w.EndObject();
  }
  w.EndArray();
}

void put_condition(Writer& w, const ir::Condition& condition) {
  w.StartObject();
  put_key(w, "op");
  switch (condition.kind) {
    case ir::Condition::Kind::And:
    case ir::Condition::Kind::Or:
    case ir::Condition::Kind::Not:
      put_string(w, condition.kind == ir::Condition::Kind::And  ? "and"
                    : condition.kind == ir::Condition::Kind::Or ? "or"
                                                                : "not");
      put_key(w, "operands");
      w.StartArray();
      for (const ir::Condition& operand : condition.operands) put_condition(w, operand);
      w.EndArray();
      break;
    case ir::Condition::Kind::Compare:
      put_string(w, compare_op_name(condition.op));
      put_key(w, "lhs");
      put_value(w, condition.lhs);
      if (condition.op != ir::CompareOp::IsEmpty && condition.op != ir::CompareOp::IsNotEmpty) {
        put_key(w, "rhs");
        put_value(w, condition.rhs);
      }
      break;
  }
  put_span(w, condition.span);
  w.EndObject();
}

void put_steps(Writer& w, const std::vector<ir::Step>& steps);

void put_send(Writer& w, const ir::Send& send) {
  w.StartObject();
  put_key(w, "name");
  put_string(w, send.name);
  put_key(w, "named");
  w.Bool(send.named);
  put_key(w, "index");
  w.Int(send.index);
  put_key(w, "account");
  put_string(w, send.account);
  put_key(w, "connector");
  put_string(w, send.connector);
  put_key(w, "action");
  put_string(w, send.action);
  put_key(w, "result_examined");
  w.Bool(send.result_examined);
  put_fields(w, send.fields);
  put_span(w, send.span);
  w.EndObject();
}

void put_if(Writer& w, const ir::If& if_) {
  w.StartObject();
  put_key(w, "branches");
  w.StartArray();
  for (const ir::Branch& branch : if_.branches) {
    w.StartObject();
    put_key(w, "condition");
    put_condition(w, branch.condition);
    put_key(w, "body");
    put_steps(w, branch.body);
    w.EndObject();
  }
  w.EndArray();
  put_key(w, "else");
  put_steps(w, if_.else_body);
  put_span(w, if_.span);
  w.EndObject();
}

void put_steps(Writer& w, const std::vector<ir::Step>& steps) {
  w.StartArray();
  for (const ir::Step& step : steps) {
    w.StartObject();
    if (step.kind == ir::Step::Kind::Send) {
      put_key(w, "send");
      put_send(w, step.send);
    } else {
      put_key(w, "if");
      put_if(w, step.if_);
    }
    w.EndObject();
  }
  w.EndArray();
}

void put_schedule(Writer& w, const ir::Schedule& schedule) {
  w.StartObject();
  put_key(w, "kind");
  switch (schedule.kind) {
    case ir::Schedule::Kind::Every:
      put_string(w, "every");
      put_key(w, "every_ms");
      w.Int64(schedule.every_millis);
      break;
    case ir::Schedule::Kind::At:
      put_string(w, "at");
      put_key(w, "minutes_of_day");
      w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
      w.StartArray();
      for (int minute : schedule.minutes_of_day) w.Int(minute);
      w.EndArray();
      w.SetFormatOptions(rapidjson::kFormatDefault);
      put_key(w, "timezone");
      put_string(w, schedule.timezone);
      break;
    case ir::Schedule::Kind::After:
      put_string(w, "after");
      put_key(w, "flow");
      put_string(w, schedule.after);
      break;
  }
  put_span(w, schedule.span);
  w.EndObject();
}

void put_source(Writer& w, const ir::Source& source) {
  w.StartObject();
  put_key(w, "name");
  put_string(w, source.name);
  put_key(w, "account");
  put_string(w, source.account);
  put_key(w, "connector");
  put_string(w, source.connector);
  put_key(w, "action");
  put_string(w, source.action);
  put_fields(w, source.fields);
  if (source.where) {
    put_key(w, "where");
    put_condition(w, *source.where);
  }
  put_span(w, source.span);
  w.EndObject();
}

}  // namespace

std::string_view compare_op_name(ir::CompareOp op) {
  return name_of(kCompareOps, op);
}

std::string ir_to_json(const ir::Flow& flow) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  put_key(w, "flowc_ir");
  w.Int(flow.version);
  put_key(w, "name");
  put_string(w, flow.name);
  put_key(w, "file");
  put_string(w, flow.file);
  put_key(w, "settings");
  w.StartObject();
  put_key(w, "concurrency");
  w.Int(flow.settings.concurrency);
  put_key(w, "retries");
  w.Int(flow.settings.retries);
  put_key(w, "timeout_ms");
  w.Int64(flow.settings.timeout_millis);
  if (flow.settings.stop_after_failures != 0) {  // written only when set: IR without it means 0
    put_key(w, "stop_after_failures");
    w.Int(flow.settings.stop_after_failures);
  }
  w.EndObject();
  put_key(w, "accounts");
  w.StartArray();
  for (const ir::Account& account : flow.accounts) {
    w.StartObject();
    put_key(w, "name");
    put_string(w, account.name);
    put_key(w, "connector");
    put_string(w, account.connector);
    put_fields(w, account.fields);
    put_span(w, account.span);
    w.EndObject();
  }
  w.EndArray();
  put_key(w, "source");
  put_source(w, flow.source);
  put_key(w, "steps");
  put_steps(w, flow.steps);
  put_key(w, "schedules");
  w.StartArray();
  for (const ir::Schedule& schedule : flow.schedules) put_schedule(w, schedule);
  w.EndArray();
  put_key(w, "send_count");
  w.Int(flow.send_count);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace flowc
