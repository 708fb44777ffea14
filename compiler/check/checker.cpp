// The checker's driver: accounts, the source, the sends and `if`s in document order, then
// schedules and settings. Each pass reports and carries on, so one run lists every problem.
#include "compiler/check/checker.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "compiler/check/check_context.hpp"
#include "compiler/check/suggest.hpp"
#include "ir/manifest/connector_catalog.hpp"

namespace flowc {
namespace check {

void Context::error(const DiagnosticCode& code, Span span, std::string message, std::string help) {
  diagnostics_.error(std::string(code.code), span, std::move(message), std::move(help));
}

void Context::warning(const DiagnosticCode& code, Span span, std::string message, std::string help) {
  diagnostics_.warning(std::string(code.code), span, std::move(message), std::move(help));
}

namespace {

// Built-in roots, and the result values: a send named `fail` would make `x.result == fail` ambiguous.
bool is_reserved(std::string_view name) {
  for (std::string_view reserved : {"env", "flow", "run", "now", "success", "fail", "skipped"}) {
    if (name == reserved) return true;
  }
  return false;
}

std::vector<std::string> keys_of(const auto& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Accounts

void check_credentials(Context& ctx, const ast::Account& account, const catalog::ConnectorSpec& connector) {
  if (connector.account_needs_one_of.empty()) return;
  for (const ast::Field& field : account.fields) {
    const std::string name = field.dotted();
    if (std::find(connector.account_needs_one_of.begin(), connector.account_needs_one_of.end(), name) !=
        connector.account_needs_one_of.end()) {
      return;
    }
  }
  const std::string& first = connector.account_needs_one_of.front();
  std::string env = connector.name + "_" + first;
  for (char& c : env) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ctx.error(codes::kMissingField, account.connector.span,
            fmt::format("a {} account needs credentials: one of `{}`", connector.name,
                        fmt::join(connector.account_needs_one_of, "`, `")),
            fmt::format("e.g. `{} = env.{}`", first, env));
}

void check_accounts(Context& ctx) {
  std::map<std::string, std::uint32_t> first_line;
  std::vector<std::string> connector_names;
  for (const catalog::ConnectorSpec& spec : catalog::installed().connectors()) connector_names.push_back(spec.name);
  const Place place{.where = "an account field"};
  for (const ast::Account& account : ctx.flow().accounts) {
    if (const auto [it, inserted] = first_line.emplace(account.name.text, account.name.span.line); !inserted) {
      ctx.error(codes::kDuplicateName, account.name.span,
                fmt::format("account `{}` is defined twice", account.name.text),
                fmt::format("first defined at line {}", it->second));
      continue;
    }
    const catalog::ConnectorSpec* connector = catalog::installed().find_connector(account.connector.text);
    ctx.account_connectors[account.name.text] = connector;
    if (!connector) {
      ctx.error(codes::kUnknownConnector, account.connector.span,
                fmt::format("unknown connector `{}`", account.connector.text),
                did_you_mean(account.connector.text, connector_names,
                             "connectors: " + fmt::format("{}", fmt::join(connector_names, ", "))));
      continue;
    }
    check_fields(ctx, account.fields, connector->account_fields, {connector->name + " account", account.connector.span},
                 place);
    check_credentials(ctx, account, *connector);
    check_transport(ctx, account, *connector);
  }
}

// ---------------------------------------------------------------------------------------------
// Actions of sources and sends

const catalog::ActionSpec* resolve_action(Context& ctx, const ast::Name& account, const ast::Name& action,
                                          catalog::ActionKind kind) {
  const auto found = ctx.account_connectors.find(account.text);
  if (found == ctx.account_connectors.end()) {
    ctx.error(codes::kUnknownAccount, account.span, fmt::format("unknown account `{}`", account.text),
              did_you_mean(account.text, keys_of(ctx.account_connectors),
                           fmt::format("declare it: `account {} = CONNECTOR {{ ... }}`", account.text)));
    return nullptr;
  }
  const catalog::ConnectorSpec* connector = found->second;
  if (!connector) return nullptr;  // unknown connector, already reported
  const catalog::ActionSpec* spec = catalog::find_action(*connector, action.text);
  if (!spec) {
    std::vector<std::string> names;
    for (const catalog::ActionSpec& candidate : connector->actions) names.push_back(candidate.name);
    ctx.error(codes::kUnknownAction, action.span,
              fmt::format("connector `{}` has no action `{}`", connector->name, action.text),
              did_you_mean(action.text, names, fmt::format("actions: {}", fmt::join(names, ", "))));
    return nullptr;
  }
  if (spec->kind != kind) {
    const bool wants_source = kind == catalog::ActionKind::Source;
    ctx.error(codes::kWrongActionKind, action.span,
              fmt::format("`{}.{}` is a {}, not a {}", connector->name, spec->name, wants_source ? "send" : "source",
                          wants_source ? "source" : "send"),
              wants_source ? "use it in a `send` step" : "use it in the `source` line");
    return nullptr;
  }
  return spec;
}

std::string action_title(const Context& ctx, const ast::Name& account, const catalog::ActionSpec& action) {
  return ctx.account_connectors.at(account.text)->name + "." + action.name;
}

// Fields of a block whose action is unknown still get their references checked.
void check_unmapped_fields(Context& ctx, const std::vector<ast::Field>& fields, const Place& place) {
  check_duplicate_fields(ctx, fields);
  for (const ast::Field& field : fields) check_value_references(ctx, field.value, place, true);
}

// ---------------------------------------------------------------------------------------------
// The source

// The source's name first: sends may not reuse it, and references to `row.x` depend on it.
void check_source_name(Context& ctx) {
  const std::vector<ast::Source>& sources = ctx.flow().sources;
  if (sources.empty()) {
    ctx.error(codes::kNoSource, Span{}, "the flow has no source",
              "add one, e.g. `source row = sheets.new_rows { spreadsheet = \"...\" sheet = \"Orders\" }`");
    return;
  }
  for (std::size_t i = 1; i < sources.size(); ++i) {
    ctx.error(codes::kManySources, sources[i].span, "a flow reads exactly one source",
              fmt::format("the source is defined at line {}; split this into another flow", sources[0].span.line));
  }
  const ast::Name& name = sources[0].name;
  if (is_reserved(name.text)) {
    ctx.error(codes::kReservedName, name.span, fmt::format("`{}` is a built-in name", name.text),
              "name the source `row`");
  } else {
    ctx.source_name = name.text;
  }
}

// Its action, fields and `where`, once every send name is known (for "not available here").
void check_source(Context& ctx) {
  if (ctx.flow().sources.empty()) return;
  const ast::Source& source = ctx.flow().sources[0];
  const catalog::ActionSpec* action = resolve_action(ctx, source.account, source.action, catalog::ActionKind::Source);
  const Place fields_place{.where = "a source field"};
  if (action) {
    check_fields(ctx, source.fields, action->fields, {action_title(ctx, source.account, *action), source.action.span},
                 fields_place);
  } else {
    check_unmapped_fields(ctx, source.fields, fields_place);
  }
  if (source.where) check_condition(ctx, *source.where, Place{.row_available = true, .where = "the source's `where`"});
}

// ---------------------------------------------------------------------------------------------
// Sends and ifs

// First pass: every send's index and action, and the named ones, so a reference to a send
// defined later can be told apart from a typo.
void collect_sends(Context& ctx, const std::vector<ast::Step>& steps,
                   std::vector<const catalog::ActionSpec*>& actions) {
  for (const ast::Step& step : steps) {
    if (step.kind == ast::Step::Kind::If) {
      for (const ast::IfBranch& branch : step.if_.branches) collect_sends(ctx, branch.body, actions);
      if (step.if_.else_body) collect_sends(ctx, *step.if_.else_body, actions);
      continue;
    }
    const ast::Send& send = step.send;
    const int index = static_cast<int>(actions.size());
    actions.push_back(resolve_action(ctx, send.account, send.action, catalog::ActionKind::Send));
    if (!send.name) continue;
    const ast::Name& name = *send.name;
    if (is_reserved(name.text)) {
      ctx.error(codes::kReservedName, name.span, fmt::format("`{}` is a built-in name", name.text),
                "choose another name");
    } else if (name.text == ctx.source_name) {
      ctx.error(codes::kDuplicateName, name.span, fmt::format("`{}` is already the source's name", name.text),
                "choose another name for this send");
    } else if (const auto it = ctx.sends.find(name.text); it != ctx.sends.end()) {
      ctx.error(codes::kDuplicateName, name.span, fmt::format("send `{}` is defined twice", name.text),
                fmt::format("first defined at line {}", it->second.name_span.line));
    } else {
      ctx.sends[name.text] = SendInfo{index, actions.back(), name.span, false};
    }
  }
}

class StepWalker {
 public:
  StepWalker(Context& ctx, std::vector<const catalog::ActionSpec*> actions) : ctx_(ctx), actions_(std::move(actions)) {}

  void walk(const std::vector<ast::Step>& steps) {
    FactScope ran(facts_);
    for (const ast::Step& step : steps) {
      if (step.kind == ast::Step::Kind::If) {
        walk_if(step.if_);
        continue;
      }
      check_send(step.send);
      // A send that runs at this level has run, well or not, for every later step here.
      if (step.send.name) ran.set(step.send.name->text, kSuccess | kFail);
    }
  }

 private:
  void check_send(const ast::Send& send) {
    const int index = next_index_++;
    const Place place{.row_available = true,
                      .sends_available = true,
                      .sends_before = index,
                      .self_index = index,
                      .where = "a send field"};
    const catalog::ActionSpec* action = actions_[static_cast<std::size_t>(index)];
    if (action) {
      check_fields(ctx_, send.fields, action->fields, {action_title(ctx_, send.account, *action), send.action.span},
                   place);
    } else {
      check_unmapped_fields(ctx_, send.fields, place);
    }
  }

  void walk_if(const ast::If& if_) {
    FactScope earlier_branches_false(facts_);
    bool reachable = true;
    for (const ast::IfBranch& branch : if_.branches) {
      check_condition(ctx_, branch.condition, condition_place());
      if (!reachable) {
        ctx_.warning(codes::kUnreachable, branch.span, "this branch can never run",
                     "an earlier condition of this `if` is always true");
      } else if (never_true(branch.condition, facts_)) {
        ctx_.warning(codes::kNeverTrue, branch.condition.span, "this condition can never be true",
                     never_true_reason(branch.condition));
      }
      {
        FactScope taken(facts_);
        taken.narrow(branch.condition, true);
        walk(branch.body);
      }
      if (always_true(branch.condition, facts_)) reachable = false;
      earlier_branches_false.narrow(branch.condition, false);
    }
    if (!if_.else_body) return;
    if (!reachable && !if_.else_body->empty()) {
      ctx_.warning(codes::kUnreachable, step_span(if_.else_body->front()), "this `else` branch can never run",
                   "an earlier condition of this `if` is always true");
    }
    walk(*if_.else_body);
  }

  Place condition_place() const {
    return Place{.row_available = true, .sends_available = true, .sends_before = next_index_, .where = "a condition"};
  }

  static Span step_span(const ast::Step& step) {
    return step.kind == ast::Step::Kind::Send ? step.send.span : step.if_.span;
  }

  // Names the send whose result is already decided, when that is why.
  std::string never_true_reason(const ast::Condition& condition) const {
    for (const std::string& send : result_sends(condition)) {
      const auto found = facts_.find(send);
      if (found == facts_.end()) continue;
      std::vector<std::string> names;
      for (const auto& [bit, name] : {std::pair{kSuccess, "success"}, {kFail, "fail"}, {kSkipped, "skipped"}}) {
        if (found->second & bit) names.emplace_back(name);
      }
      return fmt::format("at this point `{}.result` can only be {}", send, fmt::join(names, " or "));
    }
    return "it compares values that are fixed in the flow";
  }

  Context& ctx_;
  std::vector<const catalog::ActionSpec*> actions_;
  ResultFacts facts_;  // what is known about each send's result at the step being checked
  int next_index_ = 0;
};

void check_unused_sends(Context& ctx) {
  std::vector<std::pair<std::string, const SendInfo*>> unused;
  for (const auto& [name, info] : ctx.sends) {
    if (!info.referenced) unused.emplace_back(name, &info);
  }
  for (const auto& [name, info] : unused) {
    ctx.warning(codes::kUnusedSend, info->name_span, fmt::format("send `{}` is named but never used", name),
                fmt::format("handle its failure with `if {}.result == fail then ... end`, or drop the name", name));
  }
}

}  // namespace
}  // namespace check

void check_flow(const ast::Flow& flow, const SourceFile& source, Diagnostics& diagnostics,
                const CheckOptions& options) {
  check::Context ctx(flow, diagnostics);
  check::check_accounts(ctx);
  check::check_source_name(ctx);
  check::read_source_columns(ctx, source, options);
  std::vector<const catalog::ActionSpec*> actions;
  check::collect_sends(ctx, flow.steps, actions);
  check::check_source(ctx);
  check::StepWalker(ctx, std::move(actions)).walk(flow.steps);
  check::check_unused_sends(ctx);
  check::check_schedules(ctx);
  check::check_settings(ctx);
}

}  // namespace flowc
