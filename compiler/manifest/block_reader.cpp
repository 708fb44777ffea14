#include "compiler/manifest/block_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "compiler/check/check_context.hpp"
#include "compiler/check/suggest.hpp"

namespace flowc::manifest {
namespace {

using namespace codes;

std::string quoted_json(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string value_kind_name(const ast::Value& value) {
  switch (value.kind) {
    case ast::Value::Kind::String: return "a string";
    case ast::Value::Kind::Number: return "a number";
    case ast::Value::Kind::Bool: return "`true`/`false`";
    case ast::Value::Kind::Reference: return "a bare word";
    case ast::Value::Kind::List: return "a list";
    case ast::Value::Kind::Duration: return "a duration";
    case ast::Value::Kind::Rate: return "a rate";
  }
  return "a value";
}

// "5xx" or "404": one status or a class of them.
std::optional<StatusRange> status_range(std::string_view text) {
  if (text.size() == 3 && text.substr(1) == "xx" && text[0] >= '1' && text[0] <= '5') {
    const int first = (text[0] - '0') * 100;
    return StatusRange{first, first + 99};
  }
  int status = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), status);
  if (error != std::errc() || end != text.data() + text.size() || status < 100 || status > 599) return std::nullopt;
  return StatusRange{status, status};
}

// A list's items, or the one value standing for a one-item list (kept in `single`).
const std::vector<ast::Value>& items_of(const ast::Field& field, std::vector<ast::Value>& single) {
  if (field.value.kind == ast::Value::Kind::List) return field.value.items;
  single.push_back(field.value);
  return single;
}

}  // namespace

Span name_span(const ast::Field& field) {
  if (field.path.empty()) return field.span;
  Span span = field.path.front().span;
  const Span& last = field.path.back().span;
  span.length = static_cast<std::uint32_t>(last.offset + last.length - span.offset);
  return span;
}

std::optional<std::string> plain_text(const ast::Value& value) {
  if (value.kind == ast::Value::Kind::Reference) return value.reference.dotted();
  return check::plain_text(value);
}

std::optional<Template> to_template(const ast::Value& value) {
  Template result;
  result.span = value.span;
  if (value.kind == ast::Value::Kind::Reference) {
    TemplatePiece piece{true, {}, {}, {}, value.span};
    for (const ast::Name& part : value.reference.parts) piece.ref.push_back(part.text);
    result.pieces.push_back(std::move(piece));
    return result;
  }
  if (value.kind != ast::Value::Kind::String) return std::nullopt;
  for (const ast::TemplatePart& part : value.string.parts) {
    TemplatePiece piece;
    if (!part.is_interpolation) {
      piece.text = part.text;
      piece.span = value.span;
    } else {
      piece.is_ref = true;
      piece.span = part.interpolation.ref.span;
      for (const ast::Name& name : part.interpolation.ref.parts) piece.ref.push_back(name.text);
      for (const ast::Filter& filter : part.interpolation.filters) {
        ir::Filter converted{filter.name.text, {}};
        for (const ast::Literal& arg : filter.args) converted.args.push_back(arg.text);
        piece.filters.push_back(std::move(converted));
      }
    }
    result.pieces.push_back(std::move(piece));
  }
  return result;
}

std::optional<std::string> json_scalar(const ast::Value& value) {
  switch (value.kind) {
    case ast::Value::Kind::Bool: return value.boolean ? "true" : "false";
    case ast::Value::Kind::Number: return value.number_text;
    case ast::Value::Kind::String:
      if (auto text = plain_text(value)) return quoted_json(*text);
      return std::nullopt;
    default: return std::nullopt;
  }
}

BlockReader::BlockReader(const TreeBlock& block, Problems& problems, std::string what)
    : block_(block), problems_(problems), what_(std::move(what)) {
  for (std::size_t i = 0; i < block_.fields.size(); ++i) {
    const std::string name = block_.fields[i].dotted();
    for (std::size_t j = 0; j < i; ++j) {
      if (block_.fields[j].dotted() != name) continue;
      problems_.error(kDuplicate, block_.fields[i].span, fmt::format("`{}` is set twice in {}", name, what_),
                      fmt::format("the first is on line {}", block_.fields[j].span.line));
      break;
    }
  }
}

Span BlockReader::head() const {
  if (block_.keyword.span.known()) return block_.keyword.span;
  return Span{0, 1, 1, 1};
}

void BlockReader::known(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
}

void BlockReader::wrong_type(const ast::Field& field, std::string_view expected) {
  problems_.error(kWrongType, field.value.span,
                  fmt::format("`{}` in {} takes {}, not {}", field.dotted(), what_, expected,
                              value_kind_name(field.value)));
}

const ast::Field* BlockReader::field(std::string_view key, Need need) {
  known(key);
  for (const ast::Field& candidate : block_.fields) {
    if (candidate.dotted() == key) return &candidate;
  }
  if (need == Need::Required) problems_.error(kMissing, head(), fmt::format("{} needs `{}`", what_, key));
  return nullptr;
}

std::optional<std::string> BlockReader::text(std::string_view key, Need need) {
  const ast::Field* found = field(key, need);
  if (found == nullptr) return std::nullopt;
  std::optional<std::string> text = plain_text(found->value);
  if (!text) wrong_type(*found, "a plain string or a name");
  return text;
}

std::optional<std::string> BlockReader::choice(std::string_view key, std::span<const std::string_view> choices,
                                               Need need) {
  const ast::Field* found = field(key, need);
  if (found == nullptr) return std::nullopt;
  std::optional<std::string> text = plain_text(found->value);
  if (!text) {
    wrong_type(*found, "a name");
    return std::nullopt;
  }
  if (std::find(choices.begin(), choices.end(), *text) != choices.end()) return text;
  std::vector<std::string> names(choices.begin(), choices.end());
  problems_.error(kBadChoice, found->value.span,
                  fmt::format("`{}` in {} cannot be `{}`", key, what_, *text),
                  did_you_mean(*text, names, fmt::format("one of: {}", fmt::join(names, ", "))));
  return std::nullopt;
}

std::optional<bool> BlockReader::flag(std::string_view key) {
  const ast::Field* found = field(key);
  if (found == nullptr) return std::nullopt;
  if (found->value.kind == ast::Value::Kind::Bool) return found->value.boolean;
  wrong_type(*found, "`true` or `false`");
  return std::nullopt;
}

std::optional<std::int64_t> BlockReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  const ast::Field* found = field(key);
  if (found == nullptr) return std::nullopt;
  if (found->value.kind != ast::Value::Kind::Number) {
    wrong_type(*found, "a whole number");
    return std::nullopt;
  }
  const std::string& digits = found->value.number_text;
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc() || end != digits.data() + digits.size() || number < min || number > max) {
    problems_.error(kOutOfRange, found->value.span,
                    fmt::format("`{}` in {} must be a whole number from {} to {}", key, what_, min, max));
    return std::nullopt;
  }
  return number;
}

std::optional<Template> BlockReader::templated(std::string_view key, Need need) {
  const ast::Field* found = field(key, need);
  if (found == nullptr) return std::nullopt;
  std::optional<Template> result = to_template(found->value);
  if (!result) wrong_type(*found, "a string (templates `{{field}}` allowed) or a field name");
  return result;
}

std::vector<std::string> BlockReader::names(std::string_view key) {
  const ast::Field* found = field(key);
  if (found == nullptr) return {};
  std::vector<ast::Value> single;
  std::vector<std::string> result;
  for (const ast::Value& item : items_of(*found, single)) {
    if (std::optional<std::string> text = plain_text(item)) {
      result.push_back(std::move(*text));
    } else {
      problems_.error(kWrongType, item.span,
                      fmt::format("`{}` in {} takes names or plain strings, not {}", key, what_, value_kind_name(item)));
    }
  }
  return result;
}

std::vector<StatusRange> BlockReader::statuses(std::string_view key) {
  const ast::Field* found = field(key);
  if (found == nullptr) return {};
  std::vector<ast::Value> single;
  std::vector<StatusRange> result;
  for (const ast::Value& item : items_of(*found, single)) {
    std::optional<std::string> text = item.kind == ast::Value::Kind::Number ? item.number_text : plain_text(item);
    std::optional<StatusRange> range = text ? status_range(*text) : std::nullopt;
    if (range) {
      result.push_back(*range);
    } else {
      problems_.error(kOutOfRange, item.span, fmt::format("`{}` in {} takes HTTP statuses", key, what_),
                      "a status is 100 to 599, or a class such as \"5xx\"");
    }
  }
  return result;
}

std::vector<const ast::Field*> BlockReader::fields_under(std::string_view prefix) {
  prefixes_.emplace_back(prefix);
  std::vector<const ast::Field*> result;
  for (const ast::Field& candidate : block_.fields) {
    if (candidate.dotted().starts_with(prefix)) result.push_back(&candidate);
  }
  return result;
}

std::vector<const TreeBlock*> BlockReader::blocks(std::string_view keyword) {
  known(keyword);
  std::vector<const TreeBlock*> result;
  for (const TreeBlock& candidate : block_.blocks) {
    if (candidate.keyword.text == keyword) result.push_back(&candidate);
  }
  return result;
}

const TreeBlock* BlockReader::block(std::string_view keyword, Need need) {
  const std::vector<const TreeBlock*> found = blocks(keyword);
  if (found.empty()) {
    if (need == Need::Required) problems_.error(kMissing, head(), fmt::format("{} needs a `{}` block", what_, keyword));
    return nullptr;
  }
  for (std::size_t i = 1; i < found.size(); ++i) {
    problems_.error(kDuplicate, found[i]->keyword.span, fmt::format("{} takes one `{}` block", what_, keyword),
                    fmt::format("the first is on line {}", found[0]->keyword.span.line));
  }
  return found.front();
}

void BlockReader::finish() {
  auto is_known = [&](const std::string& name) {
    if (std::find(known_.begin(), known_.end(), name) != known_.end()) return true;
    return std::any_of(prefixes_.begin(), prefixes_.end(), [&](const std::string& p) { return name.starts_with(p); });
  };
  for (const ast::Field& candidate : block_.fields) {
    const std::string name = candidate.dotted();
    if (is_known(name)) continue;
    problems_.error(kUnknownEntry, name_span(candidate),
                    fmt::format("{} has no field `{}`", what_, name), did_you_mean(name, known_));
  }
  for (const TreeBlock& candidate : block_.blocks) {
    if (is_known(candidate.keyword.text)) continue;
    problems_.error(kUnknownEntry, candidate.keyword.span,
                    fmt::format("{} has no block `{}`", what_, candidate.keyword.text),
                    did_you_mean(candidate.keyword.text, known_));
  }
}

BlockReader unnamed_block(const TreeBlock& block, Problems& problems, std::string what) {
  BlockReader reader(block, problems, std::move(what));
  labels(reader, 0, "");
  return reader;
}

std::optional<std::vector<ast::Name>> labels(BlockReader& reader, std::size_t count, std::string_view meaning) {
  const TreeBlock& block = reader.tree();
  if (block.labels.size() == count) return block.labels;
  if (block.labels.size() > count) {
    reader.problems().error(codes::kNotHere, block.labels[count].span,
                            count == 0 ? fmt::format("`{}` takes no name before `{{`", block.keyword.text)
                                       : fmt::format("`{}` takes one name before `{{`, not more", block.keyword.text),
                            std::string(meaning));
  } else {
    reader.problems().error(codes::kMissing, block.keyword.span,
                            fmt::format("`{}` needs {}", block.keyword.text, meaning));
  }
  return std::nullopt;
}

}  // namespace flowc::manifest
