#include "compiler/manifest/read_fields.hpp"

#include <fmt/format.h>

#include <array>

#include "compiler/check/suggest.hpp"

namespace flowc::manifest {
namespace {

using namespace codes;
using catalog::FieldType;

constexpr std::array<std::string_view, 9> kTypes{"string", "number", "bool",     "list", "enum",
                                                 "name",   "duration", "rate", "any"};
constexpr std::array<FieldType, 9> kTypeValues{FieldType::String, FieldType::Number,   FieldType::Bool,
                                               FieldType::List,   FieldType::Enum,     FieldType::Name,
                                               FieldType::Duration, FieldType::Rate, FieldType::Any};
constexpr std::array<std::string_view, 8> kPlacements{"body", "query",   "header",       "none",
                                                      "raw_body", "content_type", "method", "url"};
constexpr std::array<Placement, 8> kPlacementValues{Placement::Body,    Placement::Query,       Placement::Header,
                                                    Placement::None,    Placement::RawBody,     Placement::ContentType,
                                                    Placement::Method,  Placement::Url};
constexpr std::array<std::string_view, 3> kShapes{"as_is", "name_value", "one_row"};

template <typename Value, std::size_t N>
Value lookup(const std::array<std::string_view, N>& names, const std::array<Value, N>& values, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return values[i];
  }
  return values[0];
}

void read_one(const TreeBlock& block, FieldList& list, Problems& problems, Placement default_in,
              std::string_view owner) {
  BlockReader reader(block, problems, block.labels.empty() ? "a field" : fmt::format("field `{}`", block.labels[0].text));
  const auto name = labels(reader, 1, "the field's name, as in `field title {`");
  catalog::FieldSpec spec;
  FieldRoute route;
  route.in = default_in;
  if (auto type = reader.choice("type", kTypes, Need::Required)) spec.type = lookup(kTypes, kTypeValues, *type);
  spec.required = reader.flag("required").value_or(false);
  spec.secret = reader.flag("secret").value_or(false);
  spec.choices = reader.names("choices");
  spec.names_list = reader.flag("names_list").value_or(false);
  spec.description = reader.text("description", Need::Required).value_or("");
  if (auto in = reader.choice("in", kPlacements)) route.in = lookup(kPlacements, kPlacementValues, *in);
  route.to = reader.text("to").value_or("");
  if (auto shape = reader.choice("shape", kShapes)) {
    route.shape = *shape == "name_value" ? FieldShape::NameValue
                  : *shape == "one_row"  ? FieldShape::OneRow
                                         : FieldShape::AsIs;
  }
  if (const ast::Field* given = reader.field("default")) {
    route.default_value = json_scalar(given->value);
    if (!route.default_value) {
      problems.error(kWrongType, given->value.span, "a field's `default` is a string, number or `true`/`false`");
    }
  }
  reader.finish();
  if (!name) return;
  spec.name = (*name)[0].text;
  route.field = spec.name;
  route.span = block.span;
  if (spec.type == FieldType::Enum && spec.choices.empty()) {
    problems.error(kMissing, block.keyword.span, fmt::format("field `{}` of type enum needs `choices`", spec.name));
  }
  if (spec.type != FieldType::Enum && !spec.choices.empty()) {
    problems.error(kNotHere, reader.field("choices")->span,
                   fmt::format("field `{}` has `choices` but its type is not enum", spec.name));
  }
  if (route.shape == FieldShape::NameValue && !spec.is_wildcard()) {
    problems.error(kNotHere, reader.field("shape")->span,
                   fmt::format("`shape = name_value` needs a wildcard field such as \"{}.*\", not `{}`", spec.name,
                               spec.name));
  }
  if (route.shape == FieldShape::OneRow && spec.type != FieldType::List) {
    problems.error(kNotHere, reader.field("shape")->span,
                   fmt::format("`shape = one_row` needs a field of type list, not `{}`", spec.name));
  }
  add_field(list, std::move(spec), std::move(route), (*name)[0].span, problems, owner);
}

}  // namespace

void add_field(FieldList& list, catalog::FieldSpec spec, FieldRoute route, Span span, Problems& problems,
               std::string_view owner) {
  for (std::size_t i = 0; i < list.specs.size(); ++i) {
    if (list.specs[i].name != spec.name) continue;
    problems.error(kDuplicate, span, fmt::format("{} declares field `{}` twice", owner, spec.name),
                   list.spans[i].known() ? fmt::format("the first is on line {}", list.spans[i].line) : std::string());
    return;
  }
  list.specs.push_back(std::move(spec));
  list.routes.push_back(std::move(route));
  list.spans.push_back(span);
}

std::string field_suggestion(const FieldList& list, std::string_view name) {
  std::vector<std::string> names;
  for (const catalog::FieldSpec& spec : list.specs) names.push_back(spec.name);
  return did_you_mean(name, names);
}

FieldList read_fields(BlockReader& reader, const FieldGroups* groups, Placement default_in) {
  FieldList list;
  reader.blocks("field");
  const ast::Field* from = groups != nullptr ? reader.field("fields_from") : nullptr;
  const TreeBlock& block = reader.tree();
  for (const auto& [is_block, index] : block.order) {
    if (is_block && block.blocks[index].keyword.text == "field") {
      read_one(block.blocks[index], list, reader.problems(), default_in, reader.what());
    } else if (!is_block && &block.fields[index] == from) {
      const std::optional<std::string> group = plain_text(from->value);
      const auto found = group ? groups->find(*group) : groups->end();
      if (found == groups->end()) {
        std::vector<std::string> names;
        for (const auto& entry : *groups) names.push_back(entry.first);
        reader.problems().error(kUnknownName, from->value.span,
                                fmt::format("no `field_group` named `{}`", group.value_or("?")),
                                did_you_mean(group.value_or(""), names));
        continue;
      }
      const FieldList& members = found->second;
      for (std::size_t i = 0; i < members.specs.size(); ++i) {
        add_field(list, members.specs[i], members.routes[i], from->value.span, reader.problems(), reader.what());
      }
    }
  }
  return list;
}

FieldGroups read_field_groups(BlockReader& connector) {
  FieldGroups groups;
  for (const TreeBlock* block : connector.blocks("field_group")) {
    BlockReader reader(*block, connector.problems(), "a field group");
    const auto name = labels(reader, 1, "the group's name, as in `field_group order {`");
    FieldList members = read_fields(reader, nullptr, Placement::Body);
    reader.finish();
    if (!name) continue;
    if (groups.count((*name)[0].text) != 0) {
      connector.problems().error(codes::kDuplicate, (*name)[0].span,
                                 fmt::format("field group `{}` is declared twice", (*name)[0].text));
      continue;
    }
    groups.emplace((*name)[0].text, std::move(members));
  }
  return groups;
}

}  // namespace flowc::manifest
