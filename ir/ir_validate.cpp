#include "ir/ir_validate.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "ir/diagnostic_codes.hpp"
#include "ir/template_filters.hpp"

namespace flowc {
namespace {

std::string dotted(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& part : path) out += (out.empty() ? "" : ".") + part;
  return out;
}

class Validator {
 public:
  explicit Validator(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  void validate(const ir::Flow& flow) {
    for (const ir::Account& account : flow.accounts) validate_account(account);
    validate_source(flow.source);
    steps(flow.steps);
    if (flow.send_count != next_index_) {
      error(codes::kIrInconsistent, Span{},
            fmt::format("send_count is {} but the flow has {} sends", flow.send_count, next_index_));
    }
    for (const ir::Schedule& schedule : flow.schedules) validate_schedule(schedule);
  }

 private:
  void error(const DiagnosticCode& code, Span span, std::string message) {
    diagnostics_.error(std::string(code.code), span, std::move(message));
  }

  void validate_account(const ir::Account& account) {
    if (!accounts_.emplace(account.name, account.connector).second) {
      error(codes::kDuplicateName, account.span, fmt::format("account `{}` is defined twice", account.name));
    }
    const catalog::ConnectorSpec* connector = catalog::installed().find_connector(account.connector);
    if (!connector) {
      error(codes::kUnknownConnector, account.span, fmt::format("unknown connector `{}`", account.connector));
      return;
    }
    fields(account.fields, connector->account_fields, connector->name + " account", account.span);
  }

  // The action an account's connector offers, or null after reporting why not.
  const catalog::ActionSpec* action(const std::string& account, const std::string& connector, const std::string& action,
                                    catalog::ActionKind kind, Span span) {
    const auto found = accounts_.find(account);
    if (found == accounts_.end()) {
      error(codes::kUnknownAccount, span, fmt::format("unknown account `{}`", account));
      return nullptr;
    }
    if (found->second != connector) {
      error(codes::kIrInconsistent, span,
            fmt::format("account `{}` is a {} account, not {}", account, found->second, connector));
      return nullptr;
    }
    const catalog::ConnectorSpec* spec = catalog::installed().find_connector(connector);
    const catalog::ActionSpec* found_action = spec ? catalog::find_action(*spec, action) : nullptr;
    if (!found_action) {
      if (spec) error(codes::kUnknownAction, span, fmt::format("connector `{}` has no action `{}`", connector, action));
      return nullptr;
    }
    if (found_action->kind != kind) {
      error(codes::kWrongActionKind, span, fmt::format("`{}.{}` cannot be used here", connector, action));
      return nullptr;
    }
    return found_action;
  }

  void validate_source(const ir::Source& source) {
    source_name_ = source.name;
    const catalog::ActionSpec* spec =
        action(source.account, source.connector, source.action, catalog::ActionKind::Source, source.span);
    if (spec) fields(source.fields, spec->fields, source.connector + "." + source.action, source.span);
    if (source.where) condition(*source.where);
  }

  void fields(const std::vector<ir::Field>& fields, std::span<const catalog::FieldSpec> specs, const std::string& title,
              Span owner_span) {
    for (const ir::Field& field : fields) {
      const std::string name = dotted(field.path);
      const catalog::FieldSpec* spec = catalog::find_field(specs, name);
      if (!spec) {
        error(codes::kUnknownField, field.span, fmt::format("unknown field `{}` for {}", name, title));
      } else if (spec->secret && !reads_env(field.value)) {
        error(codes::kSecretLiteral, field.span, fmt::format("`{}` is a secret and must be an env reference", name));
      }
      value(field.value);
    }
    for (const catalog::FieldSpec& spec : specs) {
      if (!spec.required) continue;
      const bool present = std::any_of(fields.begin(), fields.end(),
                                       [&](const ir::Field& field) { return dotted(field.path) == spec.name; });
      if (!present) {
        error(codes::kMissingField, owner_span, fmt::format("missing required field `{}` for {}", spec.name, title));
      }
    }
  }

  static bool reads_env(const ir::Value& value) {
    if (value.kind == ir::Value::Kind::Ref) return value.ref.root == ir::RefRoot::Env;
    if (value.kind != ir::Value::Kind::Template) return false;
    return std::any_of(value.parts.begin(), value.parts.end(),
                       [](const ir::TemplatePart& part) { return part.is_ref && part.ref.root == ir::RefRoot::Env; });
  }

  void ref(const ir::Ref& ref) {
    switch (ref.root) {
      case ir::RefRoot::Send: {
        const auto found = sends_.find(ref.send);
        if (found == sends_.end()) {
          error(codes::kUndefinedName, ref.span, fmt::format("`{}` is not a send defined earlier", ref.send));
        } else if (found->second && !catalog::has_response_field(*found->second, dotted(ref.path))) {
          error(codes::kNoSuchMember, ref.span, fmt::format("send `{}` has no field `{}`", ref.send, dotted(ref.path)));
        }
        break;
      }
      case ir::RefRoot::Env:
        if (ref.path.size() != 1) error(codes::kNoSuchMember, ref.span, "an env reference names one variable");
        break;
      case ir::RefRoot::Flow:
        if (ref.path.size() != 1 || (ref.path[0] != "name" && ref.path[0] != "file")) {
          error(codes::kNoSuchMember, ref.span, fmt::format("`{}` is not flow.name or flow.file", ref.dotted()));
        }
        break;
      case ir::RefRoot::Run:
        if (ref.path.size() != 1 || (ref.path[0] != "id" && ref.path[0] != "started_at")) {
          error(codes::kNoSuchMember, ref.span, fmt::format("`{}` is not run.id or run.started_at", ref.dotted()));
        }
        break;
      case ir::RefRoot::Row:
      case ir::RefRoot::Now: break;  // the loader checked their path shape
    }
  }

  void value(const ir::Value& value) {
    if (value.kind == ir::Value::Kind::Ref) ref(value.ref);
    for (const ir::Value& item : value.items) this->value(item);
    for (const ir::TemplatePart& part : value.parts) {
      if (!part.is_ref) continue;
      ref(part.ref);
      for (const ir::Filter& filter : part.filters) {
        const TemplateFilterSpec* spec = find_template_filter(filter.name);
        const int count = static_cast<int>(filter.args.size());
        if (!spec) {
          error(codes::kUnknownFilter, part.ref.span, fmt::format("unknown filter `{}`", filter.name));
        } else if (count < spec->min_args || count > spec->max_args) {
          error(codes::kFilterArgs, part.ref.span, fmt::format("wrong number of arguments for `{}`", filter.name));
        }
      }
    }
  }

  void condition(const ir::Condition& condition) {
    for (const ir::Condition& operand : condition.operands) this->condition(operand);
    if (condition.kind != ir::Condition::Kind::Compare) return;
    value(condition.lhs);
    value(condition.rhs);
  }

  void steps(const std::vector<ir::Step>& body) {
    for (const ir::Step& step : body) {
      if (step.kind == ir::Step::Kind::If) {
        for (const ir::Branch& branch : step.if_.branches) {
          condition(branch.condition);
          steps(branch.body);
        }
        steps(step.if_.else_body);
        continue;
      }
      send(step.send);
    }
  }

  void send(const ir::Send& send) {
    if (send.index != next_index_) {
      error(codes::kIrInconsistent, send.span,
            fmt::format("send `{}` has index {} but is send {} in document order", send.name, send.index, next_index_));
    }
    ++next_index_;
    const catalog::ActionSpec* spec =
        action(send.account, send.connector, send.action, catalog::ActionKind::Send, send.span);
    if (spec) fields(send.fields, spec->fields, send.connector + "." + send.action, send.span);
    // Registered after its own fields: a send cannot read itself.
    if (send.name == source_name_ || !sends_.emplace(send.name, spec).second) {
      error(codes::kDuplicateName, send.span, fmt::format("`{}` is defined twice", send.name));
    }
  }

  void validate_schedule(const ir::Schedule& schedule) {
    if (schedule.kind != ir::Schedule::Kind::At || schedule.timezone.empty()) return;
    try {
      date::locate_zone(schedule.timezone);
    } catch (const std::exception&) {
      error(codes::kUnknownTimeZone, schedule.span, fmt::format("unknown time zone \"{}\"", schedule.timezone));
    }
  }

  Diagnostics& diagnostics_;
  std::map<std::string, std::string> accounts_;  // name -> connector
  std::map<std::string, const catalog::ActionSpec*> sends_;
  std::string source_name_;
  int next_index_ = 0;
};

}  // namespace

void validate_ir(const ir::Flow& flow, Diagnostics& diagnostics) {
  Validator(diagnostics).validate(flow);
}

}  // namespace flowc
