#include "compiler/lower.hpp"

#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "ir/catalog.hpp"
#include "compiler/parse/literal_values.hpp"

namespace flowc {
namespace {

class Lowering {
 public:
  explicit Lowering(const ast::Flow& flow) : flow_(flow) {
    for (const ast::Account& account : flow.accounts) connectors_.emplace(account.name.text, account.connector.text);
    if (!flow.sources.empty()) source_name_ = flow.sources.front().name.text;
    collect(flow.steps);
  }

  ir::Flow lower(const std::string& file) {
    ir::Flow out;
    out.file = file;
    out.name = flow_.name ? flow_.name->text : std::filesystem::path(file).stem().string();
    for (const ast::Account& account : flow_.accounts) {
      out.accounts.push_back({account.name.text, account.connector.text, fields(account.fields), account.span});
    }
    if (!flow_.sources.empty()) out.source = source(flow_.sources.front());
    out.steps = steps(flow_.steps);
    for (const ast::Schedule& schedule : flow_.schedules) out.schedules.push_back(this->schedule(schedule));
    out.settings = settings();
    out.send_count = next_index_;
    return out;
  }

 private:
  // Send names, and which sends' results some condition reads (a fail there is handled).
  void collect(const std::vector<ast::Step>& body) {
    for (const ast::Step& step : body) {
      if (step.kind == ast::Step::Kind::Send) {
        if (step.send.name) send_names_.insert(step.send.name->text);
        continue;
      }
      for (const ast::IfBranch& branch : step.if_.branches) {
        note_examined(branch.condition);
        collect(branch.body);
      }
      if (step.if_.else_body) collect(*step.if_.else_body);
    }
  }

  void note_examined(const ast::Condition& condition) {
    for (const ast::Condition& operand : condition.operands) note_examined(operand);
    for (const ast::Value* side : {&condition.lhs, &condition.rhs}) {
      const std::vector<ast::Name>& parts = side->reference.parts;
      if (side->kind == ast::Value::Kind::Reference && parts.size() == 2 && parts[1].text == "result") {
        examined_.insert(parts[0].text);
      }
    }
  }

  ir::Ref ref(const ast::Reference& reference) const {
    ir::Ref out;
    out.span = reference.span;
    const std::string& root = reference.parts.front().text;
    for (std::size_t i = 1; i < reference.parts.size(); ++i) out.path.push_back(reference.parts[i].text);
    if (root == source_name_) {
      out.root = ir::RefRoot::Row;
    } else if (send_names_.count(root)) {
      out.root = ir::RefRoot::Send;
      out.send = root;
    } else {
      out.root = ir::builtin_root(root).value_or(ir::RefRoot::Now);  // the checker let no other word through
    }
    return out;
  }

  bool is_symbol(const ast::Reference& reference) const {
    if (reference.parts.size() != 1) return false;
    const std::string& name = reference.parts.front().text;
    return name != source_name_ && name != "now" && !send_names_.count(name);
  }

  std::vector<ir::TemplatePart> template_parts(const ast::TemplateString& text) const {
    std::vector<ir::TemplatePart> parts;
    for (const ast::TemplatePart& part : text.parts) {
      ir::TemplatePart out;
      if (!part.is_interpolation) {
        out.text = part.text;
      } else {
        out.is_ref = true;
        out.ref = ref(part.interpolation.ref);
        for (const ast::Filter& filter : part.interpolation.filters) {
          ir::Filter lowered{filter.name.text, {}};
          for (const ast::Literal& arg : filter.args) lowered.args.push_back(arg.text);
          out.filters.push_back(std::move(lowered));
        }
      }
      parts.push_back(std::move(out));
    }
    return parts;
  }

  ir::Value value(const ast::Value& value) const {
    ir::Value out;
    out.span = value.span;
    switch (value.kind) {
      case ast::Value::Kind::String:
        out.kind = ir::Value::Kind::Template;
        out.parts = template_parts(value.string);
        break;
      case ast::Value::Kind::Number:
        out.kind = ir::Value::Kind::Number;
        out.text = value.number_text;
        out.number = parse_number(value.number_text).value_or(0);
        break;
      case ast::Value::Kind::Bool:
        out.kind = ir::Value::Kind::Bool;
        out.boolean = value.boolean;
        break;
      case ast::Value::Kind::Reference:
        if (is_symbol(value.reference)) {
          out.kind = ir::Value::Kind::Symbol;
          out.text = value.reference.parts.front().text;
        } else {
          out.kind = ir::Value::Kind::Ref;
          out.ref = ref(value.reference);
        }
        break;
      case ast::Value::Kind::List:
        out.kind = ir::Value::Kind::List;
        for (const ast::Value& item : value.items) out.items.push_back(this->value(item));
        break;
      case ast::Value::Kind::Duration:
        out.kind = ir::Value::Kind::Duration;
        out.millis = duration_millis(value);
        break;
      case ast::Value::Kind::Rate:
        out.kind = ir::Value::Kind::Rate;
        out.count = std::llround(parse_number(value.number_text).value_or(1));
        out.millis = unit_millis(value.unit);
        break;
    }
    return out;
  }

  std::vector<ir::Field> fields(const std::vector<ast::Field>& fields) const {
    std::vector<ir::Field> out;
    for (const ast::Field& field : fields) {
      ir::Field lowered{{}, value(field.value), field.span};
      for (const ast::Name& part : field.path) lowered.path.push_back(part.text);
      out.push_back(std::move(lowered));
    }
    return out;
  }

  ir::Condition condition(const ast::Condition& condition) const {
    ir::Condition out;
    out.span = condition.span;
    switch (condition.kind) {
      case ast::Condition::Kind::And: out.kind = ir::Condition::Kind::And; break;
      case ast::Condition::Kind::Or: out.kind = ir::Condition::Kind::Or; break;
      case ast::Condition::Kind::Not: out.kind = ir::Condition::Kind::Not; break;
      case ast::Condition::Kind::Compare:
        out.kind = ir::Condition::Kind::Compare;
        // The two enums list the same operators in the same order.
        out.op = static_cast<ir::CompareOp>(static_cast<int>(condition.op));
        out.lhs = value(condition.lhs);
        if (condition.op != ast::CompareOp::IsEmpty && condition.op != ast::CompareOp::IsNotEmpty) {
          out.rhs = value(condition.rhs);
        }
        break;
    }
    for (const ast::Condition& operand : condition.operands) out.operands.push_back(this->condition(operand));
    return out;
  }

  ir::Source source(const ast::Source& source) const {
    ir::Source out;
    out.name = source.name.text;
    out.account = source.account.text;
    out.connector = connectors_.at(source.account.text);
    out.action = source.action.text;
    out.fields = fields(source.fields);
    if (source.where) out.where = condition(*source.where);
    out.span = source.span;
    return out;
  }

  ir::Send send(const ast::Send& send) {
    ir::Send out;
    out.index = next_index_++;
    out.named = send.name.has_value();
    out.name = out.named ? send.name->text : "send_" + std::to_string(out.index);
    out.account = send.account.text;
    out.connector = connectors_.at(send.account.text);
    out.action = send.action.text;
    out.fields = fields(send.fields);
    out.result_examined = out.named && examined_.count(out.name) > 0;
    out.span = send.span;
    return out;
  }

  std::vector<ir::Step> steps(const std::vector<ast::Step>& body) {
    std::vector<ir::Step> out;
    for (const ast::Step& step : body) {
      ir::Step lowered;
      if (step.kind == ast::Step::Kind::Send) {
        lowered.kind = ir::Step::Kind::Send;
        lowered.send = send(step.send);
      } else {
        lowered.kind = ir::Step::Kind::If;
        lowered.if_.span = step.if_.span;
        for (const ast::IfBranch& branch : step.if_.branches) {
          lowered.if_.branches.push_back({condition(branch.condition), steps(branch.body)});
        }
        if (step.if_.else_body) lowered.if_.else_body = steps(*step.if_.else_body);
      }
      out.push_back(std::move(lowered));
    }
    return out;
  }

  ir::Schedule schedule(const ast::Schedule& schedule) const {
    ir::Schedule out;
    out.span = schedule.span;
    switch (schedule.kind) {
      case ast::Schedule::Kind::Every:
        out.kind = ir::Schedule::Kind::Every;
        out.every_millis = duration_millis(schedule.every);
        break;
      case ast::Schedule::Kind::At:
        out.kind = ir::Schedule::Kind::At;
        for (const ast::TimeOfDay& time : schedule.times) out.minutes_of_day.push_back(time.hour * 60 + time.minute);
        if (schedule.timezone) out.timezone = schedule.timezone->text;
        break;
      case ast::Schedule::Kind::After:
        out.kind = ir::Schedule::Kind::After;
        out.after = schedule.after.text;
        break;
    }
    return out;
  }

  ir::Settings settings() const {
    ir::Settings out;
    for (const ast::Settings& block : flow_.settings) {
      for (const ast::Field& field : block.fields) {
        const std::string name = field.dotted();
        if (name == "timeout") out.timeout_millis = duration_millis(field.value);
        const int number = static_cast<int>(parse_number(field.value.number_text).value_or(0));
        if (name == "concurrency") out.concurrency = number;
        if (name == "retries") out.retries = number;
        if (name == "stop_after_failures") out.stop_after_failures = number;
      }
    }
    return out;
  }

  const ast::Flow& flow_;
  std::map<std::string, std::string> connectors_;  // account name -> connector
  std::string source_name_ = "row";
  std::set<std::string> send_names_;
  std::set<std::string> examined_;
  int next_index_ = 0;
};

}  // namespace

ir::Flow lower_flow(const ast::Flow& flow, const std::string& file) {
  return Lowering(flow).lower(file);
}

}  // namespace flowc
