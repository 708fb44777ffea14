// `row.NAME` against the columns the source's file really has. A local file's header is the one
// fact about the data `check` can know without the network or secrets; the reader that opens it
// is the caller's (CheckOptions), so compiling alone never touches the disk.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/check/check_context.hpp"
#include "compiler/check/suggest.hpp"

namespace flowc::check {
namespace {

// The columns listed in a help line; a wide export would otherwise flood it.
constexpr std::size_t kColumnsListed = 12;

// A value fixed in the flow, as text: a plain string, a number, true/false, or a bare name
// (`key = invoice`). Nullopt for what is only known at run time.
std::optional<std::string> fixed_text(const ast::Value& value) {
  switch (value.kind) {
    case ast::Value::Kind::String: return plain_text(value);
    case ast::Value::Kind::Number: return value.number_text;
    case ast::Value::Kind::Bool: return value.boolean ? "true" : "false";
    case ast::Value::Kind::Reference:
      if (value.reference.parts.size() == 1) return value.reference.parts[0].text;
      return std::nullopt;
    default: return std::nullopt;
  }
}

std::map<std::string, std::string> fixed_fields(const std::vector<ast::Field>& fields) {
  std::map<std::string, std::string> out;
  for (const ast::Field& field : fields) {
    if (std::optional<std::string> text = fixed_text(field.value)) out.emplace(field.dotted(), std::move(*text));
  }
  return out;
}

const ast::Field* find_field(const std::vector<ast::Field>& fields, std::string_view name) {
  const auto found =
      std::find_if(fields.begin(), fields.end(), [&](const ast::Field& f) { return f.dotted() == name; });
  return found == fields.end() ? nullptr : &*found;
}

const ast::Account* find_account(const ast::Flow& flow, const std::string& name) {
  for (const ast::Account& account : flow.accounts) {
    if (account.name.text == name) return &account;
  }
  return nullptr;
}

std::string columns_help(std::string_view name, const KnownColumns& known) {
  std::string list;
  for (std::size_t i = 0; i < known.names.size() && i < kColumnsListed; ++i) {
    list += (i == 0 ? "`" : ", `") + known.names[i] + "`";
  }
  if (known.names.size() > kColumnsListed) list += fmt::format(" and {} more", known.names.size() - kColumnsListed);
  return did_you_mean(name, known.names, known.names.empty() ? "its header names no columns" : "its columns: " + list);
}

bool is_column(const KnownColumns& known, std::string_view name) {
  return std::find(known.names.begin(), known.names.end(), name) != known.names.end();
}

void check_key_part(Context& ctx, const ast::Value& part) {
  const std::optional<std::string> column = fixed_text(part);
  if (!column || is_column(*ctx.source_columns, *column)) return;
  ctx.warning(codes::kUnknownColumn, part.span,
              fmt::format("`{}` is not a column of {}", *column, ctx.source_columns->file),
              columns_help(*column, *ctx.source_columns));
}

// `key = COLUMN` names a column too, and `key = [order_id, sku]` several.
void check_key_column(Context& ctx, const ast::Source& source) {
  const ast::Field* key = find_field(source.fields, "key");
  if (!key) return;
  if (key->value.kind != ast::Value::Kind::List) return check_key_part(ctx, key->value);
  for (const ast::Value& part : key->value.items) check_key_part(ctx, part);
}

}  // namespace

void read_source_columns(Context& ctx, const SourceFile& file, const CheckOptions& options) {
  if (!options.read_source_file || ctx.flow().sources.empty()) return;
  const ast::Source& source = ctx.flow().sources[0];
  const auto connector = ctx.account_connectors.find(source.account.text);
  if (connector == ctx.account_connectors.end() || !connector->second) return;  // reported elsewhere
  SourceFileQuery query{connector->second->name, source.action.text, fixed_fields(source.fields), {}, file.path()};
  if (const ast::Account* account = find_account(ctx.flow(), source.account.text)) {
    query.account_fields = fixed_fields(account->fields);
  }
  std::optional<SourceFileColumns> read = options.read_source_file(query);
  if (!read) return;
  if (!read->problem.empty()) {
    const ast::Field* path = find_field(source.fields, "path");
    ctx.warning(codes::kSourceFileUnread, path ? path->value.span : source.action.span, read->problem,
                fmt::format("fine if the file will be there when the flow runs; until then `{}.NAME` is not "
                            "checked against its columns",
                            ctx.source_name));
    return;
  }
  ctx.source_columns = KnownColumns{std::move(read->file), std::move(read->columns)};
  check_key_column(ctx, source);
}

void check_column(Context& ctx, const ast::Reference& ref) {
  if (!ctx.source_columns || ref.parts.size() < 2) return;
  const ast::Name& column = ref.parts[1];
  // `row.number` is the row's number when no column has that name.
  if (is_column(*ctx.source_columns, column.text) || column.text == "number") return;
  ctx.warning(codes::kUnknownColumn, column.span,
              fmt::format("`{}` is not a column of {}", column.text, ctx.source_columns->file),
              columns_help(column.text, *ctx.source_columns));
}

}  // namespace flowc::check
