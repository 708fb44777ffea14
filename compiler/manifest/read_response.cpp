#include "compiler/manifest/read_response.hpp"

#include <fmt/format.h>

#include <array>

#include "base/json/json_parse.hpp"

namespace flowc::manifest {
namespace {

using namespace codes;

constexpr std::array<std::string_view, 2> kJsonNeeds{"required", "optional"};
constexpr std::array<std::string_view, 5> kPaginationKinds{"page", "offset", "cursor", "link_header", "row_window"};
constexpr std::array<PaginationKind, 5> kPaginationValues{PaginationKind::Page, PaginationKind::Offset,
                                                          PaginationKind::Cursor, PaginationKind::LinkHeader,
                                                          PaginationKind::RowWindow};
constexpr std::array<std::string_view, 1> kRowShapes{"header_first"};

// A field of the action named by a setting (`json_when = expect`): it must exist.
void check_field_name(const BlockReader& reader, const ast::Field* setting, const std::string& name,
                      const FieldList& fields, Problems& problems) {
  if (setting == nullptr || name.empty() || catalog::find_field(fields.specs, name) != nullptr) return;
  problems.error(kUnknownName, setting->value.span, fmt::format("{} names `{}`, which is not a field of the action",
                                                                reader.what(), name),
                 field_suggestion(fields, name));
}

SuccessRule read_success(const TreeBlock* block, Problems& problems) {
  SuccessRule rule;
  rule.statuses = {StatusRange{200, 299}};
  if (block == nullptr) return rule;
  BlockReader reader = unnamed_block(*block, problems, "the success rule");
  rule.span = block->span;
  if (reader.field("status") != nullptr) rule.statuses = reader.statuses("status");
  for (const ast::Field* check : reader.fields_under("body.")) {
    std::optional<std::string> value = json_scalar(check->value);
    if (!value) {
      problems.error(kWrongType, check->value.span,
                     fmt::format("`{}` compares with a string, number or `true`/`false`", check->dotted()));
      continue;
    }
    rule.equals.push_back(BodyCheck{check->dotted().substr(5), *value, check->span});
  }
  rule.present = reader.names("present");
  rule.absent = reader.names("absent");
  reader.finish();
  return rule;
}

// `fields = ["id", "title"]` (read at their own names) or `fields { message_id = "result.message_id" }`.
std::vector<ResponseField> read_response_fields(BlockReader& reader) {
  std::vector<ResponseField> fields;
  if (const ast::Field* listed = reader.field("fields")) {
    for (const std::string& name : reader.names("fields")) fields.push_back(ResponseField{name, name, listed->span});
  }
  if (const TreeBlock* mapped = reader.block("fields")) {
    BlockReader map = unnamed_block(*mapped, reader.problems(), "the response fields");
    for (const ast::Field& entry : mapped->fields) {
      std::optional<std::string> path = map.text(entry.dotted());
      if (path) fields.push_back(ResponseField{entry.dotted(), *path, entry.span});
    }
    map.finish();
  }
  return fields;
}

}  // namespace

void read_response(const TreeBlock* block, Problems& problems, const FieldList& fields, ActionManifest& action,
                   catalog::ActionSpec& spec) {
  ResponseRules& rules = action.response;
  if (block == nullptr) {
    rules.success = read_success(nullptr, problems);
    return;
  }
  BlockReader reader = unnamed_block(*block, problems, fmt::format("the response of `{}`", spec.name));
  rules.span = block->span;
  rules.success = read_success(reader.block("success"), problems);
  rules.error_paths = reader.names("error");
  rules.status_path = reader.text("status_from").value_or("");
  rules.unconfirmed = reader.text("unconfirmed").value_or("");
  if (auto json = reader.choice("json", kJsonNeeds)) rules.json = *json == "required" ? JsonNeed::Required : JsonNeed::Optional;
  rules.json_field = reader.text("json_when").value_or("");
  check_field_name(reader, reader.field("json_when"), rules.json_field, fields, problems);
  rules.not_found_statuses = reader.statuses("not_found");
  rules.fields = read_response_fields(reader);
  rules.records = reader.text("records").value_or("");
  if (auto failure = reader.templated("failure")) rules.failure = std::move(*failure);
  if (reader.choice("rows", kRowShapes)) rules.rows_with_header = true;
  spec.open_response = reader.flag("open").value_or(false);
  reader.finish();
  for (const ResponseField& field : rules.fields) spec.response_fields.push_back(field.name);
  if (!rules.not_found_statuses.empty() && !action.lookup) {
    problems.error(kNotHere, reader.field("not_found")->span, "`not_found` needs a `lookup` block in the action");
  }
}

RetryRules read_retry(const TreeBlock* block, Problems& problems) {
  RetryRules rules;
  rules.statuses = {StatusRange{408, 408}, StatusRange{429, 429}, StatusRange{500, 599}};
  if (block == nullptr) return rules;
  BlockReader reader = unnamed_block(*block, problems, "the retry rules");
  rules.span = block->span;
  if (reader.field("statuses") != nullptr) rules.statuses = reader.statuses("statuses");
  rules.after_paths = reader.names("after_body");
  rules.after_header = reader.text("after_header").value_or(rules.after_header);
  reader.finish();
  return rules;
}

std::optional<Pagination> read_pagination(const TreeBlock* block, Problems& problems, const FieldList& fields) {
  if (block == nullptr) return std::nullopt;
  BlockReader reader(*block, problems, "the pagination");
  Pagination pagination;
  pagination.span = block->span;
  const auto kind = labels(reader, 1, "its kind: page, offset, cursor, link_header or row_window");
  if (kind) {
    const std::string& name = (*kind)[0].text;
    const auto* found = std::find(kPaginationKinds.begin(), kPaginationKinds.end(), name);
    if (found == kPaginationKinds.end()) {
      problems.error(kBadChoice, (*kind)[0].span, fmt::format("`{}` is not a kind of pagination", name),
                     "one of: page, offset, cursor, link_header, row_window");
    } else {
      pagination.kind = kPaginationValues[static_cast<std::size_t>(found - kPaginationKinds.begin())];
    }
  }
  pagination.param = reader.text("param").value_or("");
  pagination.size_param = reader.text("size_param").value_or("");
  pagination.size = reader.integer("size", 1, 1'000'000).value_or(0);
  pagination.size_field = reader.text("size_field").value_or("");
  check_field_name(reader, reader.field("size_field"), pagination.size_field, fields, problems);
  pagination.min_size = reader.integer("min_size", 1, 1'000'000).value_or(1);
  pagination.start = reader.integer("start", 0, 1'000'000).value_or(0);
  pagination.cursor_path = reader.text("cursor").value_or("");
  pagination.range_field = reader.text("range_field").value_or("");
  check_field_name(reader, reader.field("range_field"), pagination.range_field, fields, problems);
  pagination.sheet_field = reader.text("sheet_field").value_or("");
  check_field_name(reader, reader.field("sheet_field"), pagination.sheet_field, fields, problems);
  if (const TreeBlock* stop = reader.block("stop")) {
    BlockReader stop_reader = unnamed_block(*stop, problems, "the stop rule");
    pagination.stop.span = stop->span;
    pagination.stop.short_page = stop_reader.flag("short_page").value_or(true);
    pagination.stop.statuses = stop_reader.statuses("status");
    pagination.stop.body_contains = stop_reader.text("body_contains").value_or("");
    pagination.stop.not_first_page = stop_reader.flag("not_first_page").value_or(false);
    pagination.stop.total_path = stop_reader.text("total").value_or("");
    stop_reader.finish();
  }
  const bool needs_param = pagination.kind == PaginationKind::Page || pagination.kind == PaginationKind::Offset ||
                           pagination.kind == PaginationKind::Cursor;
  if (needs_param && pagination.param.empty()) reader.field("param", Need::Required);
  if (pagination.kind == PaginationKind::Cursor && pagination.cursor_path.empty()) reader.field("cursor", Need::Required);
  if (pagination.kind == PaginationKind::RowWindow && pagination.sheet_field.empty())
    reader.field("sheet_field", Need::Required);
  if (pagination.kind == PaginationKind::RowWindow && pagination.size < 1) reader.field("size", Need::Required);
  reader.finish();
  return pagination;
}

std::optional<IncrementalCursor> read_cursor(const TreeBlock* block, Problems& problems) {
  if (block == nullptr) return std::nullopt;
  BlockReader reader = unnamed_block(*block, problems, "the incremental cursor");
  IncrementalCursor cursor;
  cursor.span = block->span;
  cursor.record_field = reader.text("field", Need::Required).value_or("");
  cursor.param = reader.text("param", Need::Required).value_or("");
  cursor.value = reader.templated("value").value_or(Template{});
  reader.finish();
  return cursor;
}

std::vector<Example> read_examples(BlockReader& action) {
  std::vector<Example> examples;
  for (const TreeBlock* block : action.blocks("example")) {
    BlockReader reader(*block, action.problems(), "an example");
    const auto name = labels(reader, 1, "the example's name, as in `example created {`");
    Example example;
    example.span = block->span;
    example.status = static_cast<int>(reader.integer("status", 100, 599).value_or(200));
    const ast::Field* body = reader.field("body", Need::Required);
    if (body != nullptr) {
      std::optional<std::string> text = plain_text(body->value);
      rapidjson::Document parsed;
      if (!text || body->value.kind != ast::Value::Kind::String) {
        action.problems().error(kWrongType, body->value.span, "an example's `body` is a string of JSON text");
      } else if (const rapidjson::ParseResult result = parse_json_document(parsed, *text); !result) {
        action.problems().error(kBadExample, body->value.span,
                                fmt::format("the body of example `{}` is not JSON (at byte {} of the text)",
                                            name ? (*name)[0].text : "?", result.Offset()),
                                "write it as a \"\"\"...\"\"\" string holding the answer exactly as the service sends it");
      } else {
        example.body = std::move(*text);
      }
    }
    reader.finish();
    if (!name) continue;
    example.name = (*name)[0].text;
    bool duplicate = false;
    for (const Example& earlier : examples) duplicate = duplicate || earlier.name == example.name;
    if (duplicate) {
      action.problems().error(kDuplicate, (*name)[0].span, fmt::format("{} has two examples named `{}`", action.what(),
                                                                        example.name));
      continue;
    }
    examples.push_back(std::move(example));
  }
  return examples;
}

}  // namespace flowc::manifest
