// What a reference may name, and where: `row.x`, `NAME.result`, `env.X`, `flow.name`, `run.id`, `now`.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/check/check_context.hpp"
#include "compiler/check/suggest.hpp"
#include "ir/template_filters.hpp"

namespace flowc::check {
namespace {

const std::vector<std::string> kFlowFields{"name", "file"};
const std::vector<std::string> kRunFields{"id", "started_at"};

std::string join_tail(const ast::Reference& ref) {
  std::string out;
  for (std::size_t i = 1; i < ref.parts.size(); ++i) {
    if (i > 1) out += '.';
    out += ref.parts[i].text;
  }
  return out;
}

Span tail_span(const ast::Reference& ref) {
  return ref.parts.size() > 1 ? span_between(ref.parts[1].span, ref.parts.back().span) : ref.span;
}

// `flow.name` / `run.id`: a fixed, two-part set of names.
RefKind check_builtin(Context& ctx, const ast::Reference& ref, RefKind kind, const std::vector<std::string>& fields) {
  const std::string& root = ref.parts[0].text;
  if (ref.parts.size() == 2 && std::find(fields.begin(), fields.end(), ref.parts[1].text) != fields.end()) return kind;
  std::string known;
  for (const std::string& field : fields) known += (known.empty() ? "`" : ", `") + root + "." + field + "`";
  const std::string tail = join_tail(ref);
  ctx.error(codes::kNoSuchMember, tail_span(ref), fmt::format("`{}` has no field `{}`", root, tail),
            did_you_mean(tail, fields, "available: " + known));
  return RefKind::Invalid;
}

RefKind check_env(Context& ctx, const ast::Reference& ref) {
  if (ref.parts.size() == 2) return RefKind::Env;
  ctx.error(codes::kNoSuchMember, ref.span, fmt::format("`{}` is not an environment variable reference", ref.dotted()),
            "write `env.NAME`, e.g. `env.API_TOKEN`");
  return RefKind::Invalid;
}

RefKind check_row(Context& ctx, const ast::Reference& ref, const Place& place) {
  if (!place.row_available) {
    ctx.error(codes::kNotAvailableHere, ref.span,
              fmt::format("`{}` cannot be read in {}: there is no row yet", ref.dotted(), place.where),
              "use a literal or `env.NAME`");
    return RefKind::Invalid;
  }
  if (ref.parts.size() < 2) {
    ctx.error(codes::kNoSuchMember, ref.span, fmt::format("`{}` is the whole row; name a column", ref.dotted()),
              fmt::format("write `{}.COLUMN`, e.g. `{}.number`", ref.parts[0].text, ref.parts[0].text));
    return RefKind::Invalid;
  }
  check_column(ctx, ref);
  return RefKind::Row;
}

std::vector<std::string> readable_fields(const catalog::ActionSpec* action) {
  std::vector<std::string> out(std::begin(catalog::kSendOutcomeFields), std::end(catalog::kSendOutcomeFields));
  if (action) {
    for (const std::string& field : action->response_fields) out.push_back(field);
  }
  return out;
}

RefKind check_send(Context& ctx, const ast::Reference& ref, const Place& place, SendInfo& send) {
  const std::string& name = ref.parts[0].text;
  // Counts as a use even when misplaced: one mistake, one message (no "never used" on top).
  send.referenced = true;
  if (!place.sends_available) {
    ctx.error(codes::kNotAvailableHere, ref.span,
              fmt::format("`{}` cannot be read in {}: no send has run yet", ref.dotted(), place.where));
    return RefKind::Invalid;
  }
  if (send.index == place.self_index) {
    ctx.error(codes::kSelfReference, ref.parts[0].span, fmt::format("send `{}` refers to itself", name),
              "a send can read only sends that come before it");
    return RefKind::Invalid;
  }
  if (send.index >= place.sends_before) {
    ctx.error(
        codes::kLaterSend, ref.parts[0].span, fmt::format("send `{}` is defined later in the flow", name),
        fmt::format("`{}` is defined at line {}; only earlier sends can be read here", name, send.name_span.line));
    return RefKind::Invalid;
  }
  if (ref.parts.size() < 2) {
    ctx.error(codes::kNoSuchMember, ref.span, fmt::format("`{}` is a send; read one of its fields", name),
              fmt::format("e.g. `{0}.result`, `{0}.errors`", name));
    return RefKind::Invalid;
  }
  const std::string tail = join_tail(ref);
  if (send.action && !catalog::has_response_field(*send.action, tail)) {
    const std::vector<std::string> fields = readable_fields(send.action);
    std::string list;
    for (const std::string& field : fields) list += (list.empty() ? "" : ", ") + field;
    ctx.error(codes::kNoSuchMember, tail_span(ref),
              fmt::format("send `{}` ({}) has no field `{}`", name, send.action->name, tail),
              did_you_mean(tail, fields, "available: " + list));
    return RefKind::Invalid;
  }
  return RefKind::Send;
}

std::vector<std::string> root_names(const Context& ctx) {
  std::vector<std::string> names{ctx.source_name, "env", "flow", "run", "now"};
  for (const auto& [name, info] : ctx.sends) names.push_back(name);
  return names;
}

// `path = orders.csv`: an unquoted file name reads as a reference; its last part gives it away.
bool looks_like_file_name(const ast::Reference& ref) {
  static const std::vector<std::string_view> kExtensions{"csv", "tsv", "txt", "json", "xlsx", "xml", "html", "log"};
  return ref.parts.size() > 1 &&
         std::find(kExtensions.begin(), kExtensions.end(), ref.parts.back().text) != kExtensions.end();
}

void report_undefined(Context& ctx, const ast::Reference& ref) {
  const std::string& name = ref.parts[0].text;
  if (ctx.account_connectors.count(name)) {
    ctx.error(codes::kUndefinedName, ref.parts[0].span,
              fmt::format("`{}` is an account; accounts cannot be read as values", name),
              "read a send's outcome instead, e.g. `NAME.result`");
    return;
  }
  std::string help;
  Span span = ref.parts[0].span;
  if (name == "row" && ctx.source_name != "row") {
    // The usual name of the source, used in a flow whose source has another: say which.
    help = fmt::format("the source is named `{0}`: write `{0}.{1}`", ctx.source_name, join_tail(ref));
  } else if (looks_like_file_name(ref)) {
    help = fmt::format("quote the path: \"{}\"", ref.dotted());
    span = ref.span;
  } else {
    help = did_you_mean(name, root_names(ctx));
  }
  if (help.empty() && ref.parts.size() == 1) help = fmt::format("to write text, quote it: \"{}\"", name);
  ctx.error(codes::kUndefinedName, span, fmt::format("unknown name `{}`", name), help);
}

void check_filters(Context& ctx, const std::vector<ast::Filter>& filters) {
  std::vector<std::string> names;
  for (const TemplateFilterSpec& spec : template_filters()) names.emplace_back(spec.name);
  for (const ast::Filter& filter : filters) {
    const TemplateFilterSpec* spec = find_template_filter(filter.name.text);
    if (!spec) {
      std::string all;
      for (const std::string& name : names) all += (all.empty() ? "" : ", ") + name;
      ctx.error(codes::kUnknownFilter, filter.name.span, fmt::format("unknown filter `{}`", filter.name.text),
                did_you_mean(filter.name.text, names, "filters: " + all));
      continue;
    }
    const int count = static_cast<int>(filter.args.size());
    if (count < spec->min_args || count > spec->max_args) {
      const std::string takes = spec->min_args == spec->max_args
                                    ? fmt::format("{}", spec->max_args)
                                    : fmt::format("{} to {}", spec->min_args, spec->max_args);
      ctx.error(codes::kFilterArgs, filter.span,
                fmt::format("filter `{}` takes {} argument{}, got {}", spec->name, takes,
                            spec->max_args == 1 ? "" : "s", count),
                fmt::format("usage: {}", spec->usage));
    }
  }
}

}  // namespace

bool ResolvedRef::is_result() const {
  return kind == RefKind::Send && field == "result";
}

Span span_between(const Span& first, const Span& last) {
  Span span = first;
  const std::size_t end = std::max(last.offset + last.length, first.offset + first.length);
  // A span is shown on its first line; past that line the caret line is clipped anyway.
  span.length = static_cast<std::uint32_t>(end - first.offset);
  return span;
}

ResolvedRef check_reference(Context& ctx, const ast::Reference& ref, const Place& place, bool symbols_allowed) {
  ResolvedRef out;
  if (ref.parts.empty()) return out;
  const std::string& root = ref.parts[0].text;
  if (root == ctx.source_name) {
    out.kind = check_row(ctx, ref, place);
  } else if (auto send = ctx.sends.find(root); send != ctx.sends.end()) {
    out.kind = check_send(ctx, ref, place, send->second);
    out.send = root;
    if (ref.parts.size() == 2) out.field = ref.parts[1].text;
  } else if (root == "env") {
    out.kind = check_env(ctx, ref);
  } else if (root == "flow") {
    out.kind = check_builtin(ctx, ref, RefKind::Flow, kFlowFields);
  } else if (root == "run") {
    out.kind = check_builtin(ctx, ref, RefKind::Run, kRunFields);
  } else if (root == "now" && ref.parts.size() == 1) {
    out.kind = RefKind::Now;
  } else if (symbols_allowed && ref.parts.size() == 1) {
    out.kind = RefKind::Symbol;
    out.symbol = root;
  } else {
    report_undefined(ctx, ref);
  }
  return out;
}

ResolvedRef check_value_references(Context& ctx, const ast::Value& value, const Place& place, bool symbols_allowed) {
  switch (value.kind) {
    case ast::Value::Kind::Reference: return check_reference(ctx, value.reference, place, symbols_allowed);
    case ast::Value::Kind::String:
      for (const ast::TemplatePart& part : value.string.parts) {
        if (!part.is_interpolation) continue;
        check_reference(ctx, part.interpolation.ref, place, false);
        check_filters(ctx, part.interpolation.filters);
      }
      break;
    case ast::Value::Kind::List:
      for (const ast::Value& item : value.items) check_value_references(ctx, item, place, false);
      break;
    default: break;
  }
  return {};
}

bool value_reads_env(const ast::Value& value) {
  switch (value.kind) {
    case ast::Value::Kind::Reference: return !value.reference.parts.empty() && value.reference.parts[0].text == "env";
    case ast::Value::Kind::String:
      return std::any_of(value.string.parts.begin(), value.string.parts.end(), [](const ast::TemplatePart& part) {
        return part.is_interpolation && !part.interpolation.ref.parts.empty() &&
               part.interpolation.ref.parts[0].text == "env";
      });
    default: return false;
  }
}

std::optional<std::string> plain_text(const ast::Value& value) {
  if (value.kind != ast::Value::Kind::String) return std::nullopt;
  std::string text;
  for (const ast::TemplatePart& part : value.string.parts) {
    if (part.is_interpolation) return std::nullopt;
    text += part.text;
  }
  return text;
}

}  // namespace flowc::check
