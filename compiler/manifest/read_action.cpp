#include "compiler/manifest/read_action.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "compiler/check/suggest.hpp"
#include "compiler/manifest/read_response.hpp"
#include "ir/template_filters.hpp"

namespace flowc::manifest {
namespace {

using namespace codes;

constexpr std::array<std::string_view, 3> kKinds{"send", "source", "table"};
constexpr std::array<std::string_view, 3> kAfterCrash{"resend", "hold", "by_method"};
constexpr std::array<std::string_view, 8> kMethods{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "auto"};
constexpr std::array<std::string_view, 5> kBodies{"none", "json", "form", "multipart", "raw"};
constexpr std::array<BodyKind, 5> kBodyValues{BodyKind::None, BodyKind::Json, BodyKind::Form, BodyKind::Multipart,
                                              BodyKind::Raw};
constexpr std::array<std::string_view, 2> kUnits{"utf16", "bytes"};

// The names a template of this action may use: what the reference's first word means.
struct TemplateNames {
  const FieldList& fields;
  const FieldList& account;
  bool lookup = false;      // `found.id`, and `lookup` in the not-found text
  bool pagination = false;  // `page.*`
  std::string owner;        // "action `update_order`"
};

void check_reference(const TemplatePiece& piece, const TemplateNames& names, Problems& problems) {
  const std::string& root = piece.ref.front();
  const std::string rest = fmt::format("{}", fmt::join(piece.ref.begin() + 1, piece.ref.end(), "."));
  if (root == "account") {
    if (catalog::find_field(names.account.specs, rest) != nullptr) return;
    problems.error(kUnknownName, piece.span, fmt::format("the account has no field `{}`", rest),
                   field_suggestion(names.account, rest));
    return;
  }
  if ((root == "found" || root == "lookup") && names.lookup) return;
  if (root == "page" && names.pagination) return;
  const std::string dotted = fmt::format("{}", fmt::join(piece.ref, "."));
  if (catalog::find_field(names.fields.specs, dotted) != nullptr) return;
  std::string help = field_suggestion(names.fields, dotted);
  if (help.empty()) help = "a template names a field of the action, `account.NAME`, `found.id` after a lookup or `page.*`";
  problems.error(kUnknownName, piece.span, fmt::format("{} has no field `{}`", names.owner, dotted), std::move(help));
}

void check_template(const Template& text, const TemplateNames& names, Problems& problems) {
  for (const TemplatePiece& piece : text.pieces) {
    if (!piece.is_ref || piece.ref.empty()) continue;
    check_reference(piece, names, problems);
    for (const ir::Filter& filter : piece.filters) {
      if (find_template_filter(filter.name) == nullptr)
        problems.error(kUnknownName, piece.span, fmt::format("no template filter `{}`", filter.name));
    }
  }
}

// A setting that names one of the action's fields (`by = find_by`).
std::string field_setting(BlockReader& reader, std::string_view key, const FieldList& fields, Need need) {
  std::string name = reader.text(key, need).value_or("");
  if (name.empty() || catalog::find_field(fields.specs, name) != nullptr) return name;
  reader.problems().error(kUnknownName, reader.field(key)->value.span,
                          fmt::format("`{}` names `{}`, which is not a field of the action", key, name),
                          field_suggestion(fields, name));
  return name;
}

std::vector<QueryParam> read_query(const TreeBlock* block, Problems& problems, const TemplateNames& names) {
  std::vector<QueryParam> query;
  if (block == nullptr) return query;
  BlockReader reader = unnamed_block(*block, problems, "the query");
  for (const ast::Field& entry : block->fields) {
    std::optional<Template> value = reader.templated(entry.dotted());
    if (!value) continue;
    check_template(*value, names, problems);
    Template name;
    name.pieces.push_back(TemplatePiece{false, entry.dotted(), {}, {}, name_span(entry)});
    query.push_back(QueryParam{std::move(name), std::move(*value), entry.span});
  }
  reader.finish();
  return query;
}

Request read_request(const TreeBlock* block, Problems& problems, const TemplateNames& names) {
  Request request;
  if (block == nullptr) return request;
  BlockReader reader = unnamed_block(*block, problems, fmt::format("the request of {}", names.owner));
  request.span = block->span;
  const std::string method = reader.choice("method", kMethods).value_or("");
  request.method = method == "auto" ? "" : method;
  if (method == "auto") request.method_with_body = reader.choice("method_with_body", kMethods, Need::Required).value_or("");
  request.path = reader.templated("path").value_or(Template{});
  check_template(request.path, names, problems);
  request.query = read_query(reader.block("query"), problems, names);
  if (auto body = reader.choice("body", kBodies)) {
    request.body = kBodyValues[static_cast<std::size_t>(std::find(kBodies.begin(), kBodies.end(), *body) - kBodies.begin())];
  }
  if (const ast::Field* order = reader.field("body_order")) {
    request.body_order = reader.names("body_order");
    for (const std::string& name : request.body_order) {
      if (catalog::find_field(names.fields.specs, name) == nullptr)
        problems.error(kUnknownName, order->value.span, fmt::format("`body_order` names `{}`, which is not a field", name),
                       field_suggestion(names.fields, name));
    }
  }
  reader.finish();
  return request;
}

std::optional<Lookup> read_lookup(const TreeBlock* block, Problems& problems, const TemplateNames& names) {
  if (block == nullptr) return std::nullopt;
  BlockReader reader = unnamed_block(*block, problems, "the lookup");
  Lookup lookup;
  lookup.span = block->span;
  lookup.by_field = field_setting(reader, "by", names.fields, Need::Required);
  lookup.direct = field_setting(reader, "direct", names.fields, Need::Optional);
  lookup.method = reader.choice("method", kMethods).value_or("GET");
  lookup.path = reader.templated("path", Need::Required).value_or(Template{});
  lookup.param = reader.templated("param", Need::Required).value_or(Template{});
  lookup.query = read_query(reader.block("query"), problems, names);
  lookup.records = reader.text("records").value_or("");
  lookup.total = reader.names("total");
  lookup.many_field = field_setting(reader, "many", names.fields, Need::Optional);
  lookup.id = reader.text("id").value_or("id");
  lookup.not_found = reader.templated("not_found").value_or(Template{});
  lookup.noun = reader.text("noun").value_or("record");
  for (const Template* text : {&lookup.path, &lookup.param, &lookup.not_found}) check_template(*text, names, problems);
  reader.finish();
  return lookup;
}

std::optional<SplitText> read_split(const TreeBlock* block, Problems& problems, const FieldList& fields) {
  if (block == nullptr) return std::nullopt;
  BlockReader reader = unnamed_block(*block, problems, "the text split");
  SplitText split;
  split.span = block->span;
  split.field = field_setting(reader, "field", fields, Need::Required);
  split.limit = reader.integer("limit", 1, 1'000'000'000).value_or(0);
  if (split.limit == 0 && reader.field("limit") == nullptr) reader.field("limit", Need::Required);
  split.unit = reader.choice("unit", kUnits).value_or("utf16");
  split.mode_field = field_setting(reader, "mode", fields, Need::Optional);
  split.collect = reader.text("collect").value_or("");
  split.collect_from = reader.text("collect_from", split.collect.empty() ? Need::Optional : Need::Required).value_or("");
  reader.finish();
  return split;
}

bool has_placement(const FieldList& fields, Placement in) {
  return std::any_of(fields.routes.begin(), fields.routes.end(), [&](const FieldRoute& r) { return r.in == in; });
}

// A request says where it goes and how: a path or a URL field, a method or a method field.
void check_request(const TreeBlock* block, const Request& request, const FieldList& fields, Problems& problems) {
  if (block == nullptr) return;
  if (request.path.empty() && !has_placement(fields, Placement::Url))
    problems.error(kMissing, block->keyword.span, "the request needs a `path` (or a field with `in = url`)");
  if (request.method.empty() && request.method_with_body.empty() && !has_placement(fields, Placement::Method))
    problems.error(kMissing, block->keyword.span, "the request needs a `method` (or a field with `in = method`)");
}

catalog::AfterCrash after_crash(std::string_view name) {
  if (name == "resend") return catalog::AfterCrash::Resend;
  if (name == "by_method") return catalog::AfterCrash::ByMethod;
  return catalog::AfterCrash::Hold;
}

// `key` and `changed`: how the runner tells a new row from one handled before, the same for every
// source, so a manifest's source takes them without declaring them (it may, to word them its way).
void add_row_identity_fields(FieldList& fields) {
  auto declared = [&](std::string_view name) {
    return std::ranges::any_of(fields.specs, [&](const catalog::FieldSpec& spec) { return spec.name == name; });
  };
  auto add = [&](catalog::FieldSpec spec) {
    fields.routes.push_back(FieldRoute{spec.name, Placement::None, {}, FieldShape::AsIs, std::nullopt, {}});
    fields.spans.emplace_back();
    fields.specs.push_back(std::move(spec));
  };
  if (!declared("key")) {
    catalog::FieldSpec key{"key", catalog::FieldType::Name, false, false, {}, true,
                           "Record member whose value identifies a record, or members whose values do together "
                           "(`[order_id, sku]`); without it a record is identified by its content."};
    add(std::move(key));
  }
  if (!declared("changed")) {
    add(catalog::FieldSpec{"changed", catalog::FieldType::Bool, false, false, {}, false,
                           "Also pass a record again when its content changed since it was handled (needs `key`)."});
  }
}

// Settings that make sense for one kind of action only.
void check_kind(BlockReader& reader, const catalog::ActionSpec& spec, const ActionManifest& action) {
  Problems& problems = reader.problems();
  if (spec.kind == catalog::ActionKind::Send) {
    for (std::string_view key : {"pagination", "cursor"}) {
      for (const TreeBlock* block : reader.blocks(key))
        problems.error(kNotHere, block->keyword.span, fmt::format("`{}` applies to sources, not sends", key));
    }
    return;
  }
  if (const ast::Field* crash = reader.field("after_crash"))
    problems.error(kNotHere, crash->span, "`after_crash` applies to sends, not sources");
  if (action.lookup || action.split) problems.error(kNotHere, reader.head(), "a source takes no `lookup` or `split`");
}

}  // namespace

std::optional<std::pair<catalog::ActionSpec, ActionManifest>> read_action(const TreeBlock& block, Problems& problems,
                                                                          const ActionScope& scope) {
  const std::string label = block.labels.empty() ? std::string("?") : block.labels.front().text;
  BlockReader reader(block, problems, fmt::format("action `{}`", label));
  const auto name = labels(reader, 1, "the action's name, as in `action update_order {`");
  catalog::ActionSpec spec;
  ActionManifest action;
  spec.name = action.name = label;
  action.span = block.span;
  const std::string kind = reader.choice("kind", kKinds, Need::Required).value_or("send");
  spec.kind = kind == "send" ? catalog::ActionKind::Send : catalog::ActionKind::Source;
  if (kind == "table")
    problems.error(kNotHere, reader.field("kind")->value.span, "`table` actions are not in the catalog yet",
                   "the engine step adds them; declare the listing as a `source` meanwhile");
  spec.description = reader.text("description", Need::Required).value_or("");
  if (auto crash = reader.choice("after_crash", kAfterCrash)) spec.after_crash = after_crash(*crash);

  FieldList fields = read_fields(reader, &scope.groups, spec.kind == catalog::ActionKind::Send ? Placement::Body
                                                                                             : Placement::Query);
  if (spec.kind == catalog::ActionKind::Source) add_row_identity_fields(fields);
  const TreeBlock* pagination = reader.block("pagination");
  const TemplateNames names{fields, scope.account, reader.block("lookup") != nullptr, pagination != nullptr,
                            reader.what()};
  action.lookup = read_lookup(reader.block("lookup"), problems, names);
  const TreeBlock* request = reader.block("request", Need::Required);
  action.request = read_request(request, problems, names);
  check_request(request, action.request, fields, problems);
  action.split = read_split(reader.block("split"), problems, fields);
  read_response(reader.block("response"), problems, fields, action, spec);
  check_template(action.response.failure, names, problems);
  action.pagination = read_pagination(pagination, problems, fields);
  action.cursor = read_cursor(reader.block("cursor"), problems);
  action.examples = read_examples(reader);
  check_kind(reader, spec, action);
  reader.finish();
  spec.fields = std::move(fields.specs);
  action.routes = std::move(fields.routes);
  if (!name) return std::nullopt;
  return std::make_pair(std::move(spec), std::move(action));
}

}  // namespace flowc::manifest
