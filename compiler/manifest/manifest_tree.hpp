// What a manifest's text says before any schema is applied: nested blocks of fields, with spans.
// The values are the flow parser's own (ast::Value), read by the flow grammar's value rules.
#pragma once

#include <cstddef>
#include <vector>

#include "compiler/parse/ast.hpp"

namespace flowc::manifest {

// `keyword label ... { fields and blocks }`; the file itself is a block without keyword.
struct TreeBlock {
  ast::Name keyword;
  std::vector<ast::Name> labels;  // bare words or decoded strings
  std::vector<ast::Field> fields;
  std::vector<TreeBlock> blocks;
  // Fields and blocks in the order written: (true, index into blocks) or (false, into fields).
  std::vector<std::pair<bool, std::size_t>> order;
  Span span;  // the keyword through the closing brace
};

}  // namespace flowc::manifest
