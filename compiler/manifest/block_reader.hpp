// Typed, checked access to one block of a manifest tree. Each accessor names a field or block the
// block may hold; whatever the reader never asked for is reported by finish() as unknown, with the
// closest name it did ask for ("did you mean"). So a block's schema is the code that reads it, and
// its diagnostics cannot drift from it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/manifest/manifest_tree.hpp"
#include "ir/diagnostic.hpp"
#include "ir/manifest/connector_manifest.hpp"
#include "ir/manifest/manifest_codes.hpp"

namespace flowc::manifest {

// Where problems go.
class Problems {
 public:
  explicit Problems(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}
  void error(const DiagnosticCode& code, Span span, std::string message, std::string help = {}) {
    diagnostics_.error(std::string(code.code), span, std::move(message), std::move(help));
  }

 private:
  Diagnostics& diagnostics_;
};

enum class Need { Optional, Required };

class BlockReader {
 public:
  // `what` names the block in messages: "action `update_order`".
  BlockReader(const TreeBlock& block, Problems& problems, std::string what);

  const TreeBlock& tree() const { return block_; }
  const std::string& what() const { return what_; }
  Problems& problems() { return problems_; }
  // Where a "missing" error points: the block's keyword, or its first line for the file.
  Span head() const;

  // The field `key` (nullptr when absent), marking the key as one this block takes.
  const ast::Field* field(std::string_view key, Need need = Need::Optional);
  // A plain string (no `{{ }}`) or a bare, possibly dotted, word.
  std::optional<std::string> text(std::string_view key, Need need = Need::Optional);
  // One of `choices`, bare or quoted.
  std::optional<std::string> choice(std::string_view key, std::span<const std::string_view> choices,
                                    Need need = Need::Optional);
  std::optional<bool> flag(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<Template> templated(std::string_view key, Need need = Need::Optional);
  // A list of plain strings or words; a single one counts as a one-item list.
  std::vector<std::string> names(std::string_view key);
  // `[408, 429, "5xx"]`; a single status counts too.
  std::vector<StatusRange> statuses(std::string_view key);
  // Every field whose dotted name starts with `prefix` (`body.` for `body.ok = true`).
  std::vector<const ast::Field*> fields_under(std::string_view prefix);

  std::vector<const TreeBlock*> blocks(std::string_view keyword);
  const TreeBlock* block(std::string_view keyword, Need need = Need::Optional);

  // Reports every field and block this reader did not ask for.
  void finish();

 private:
  void wrong_type(const ast::Field& field, std::string_view expected);
  void known(std::string_view key);

  const TreeBlock& block_;
  Problems& problems_;
  std::string what_;
  std::vector<std::string> known_;
  std::vector<std::string> prefixes_;
};

// The span of a field's dotted name.
Span name_span(const ast::Field& field);
// The text of a value that is a plain string or a bare word; nullopt for anything else.
std::optional<std::string> plain_text(const ast::Value& value);
// A string value as a template (a bare word is a one-reference template).
std::optional<Template> to_template(const ast::Value& value);
// `true`, `0`, `"text"` as JSON text; nullopt for a list or a template.
std::optional<std::string> json_scalar(const ast::Value& value);

// A block's labels: exactly `count`, else an error and nullopt.
std::optional<std::vector<ast::Name>> labels(BlockReader& reader, std::size_t count, std::string_view meaning);
// A reader of a block that takes no label (`request {`, `success {`).
BlockReader unnamed_block(const TreeBlock& block, Problems& problems, std::string what);

}  // namespace flowc::manifest
