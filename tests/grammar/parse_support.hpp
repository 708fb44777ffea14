// Shared by the grammar tests: parse a text and keep the flow, the diagnostics and the source.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "compiler/parse/ast.hpp"
#include "ir/diagnostic.hpp"
#include "compiler/parse/parser.hpp"
#include "ir/source.hpp"

namespace flowc {
// Spans print as offset@line:column+length in test failures.
inline void PrintTo(const Span& span, std::ostream* os) {
  *os << span.offset << "@" << span.line << ":" << span.column << "+" << span.length;
}
}  // namespace flowc

namespace flowc::testing {

struct Parsed {
  std::unique_ptr<SourceFile> file;  // diagnostics' spans point into it
  ast::Flow flow;
  Diagnostics diagnostics;

  const std::vector<Diagnostic>& errors() const { return diagnostics.items(); }
  std::string rendered() const { return render_text(*file, diagnostics.items()); }
};

inline Parsed parse(std::string text) {
  Parsed parsed;
  parsed.file = std::make_unique<SourceFile>("test.flow", std::move(text));
  parsed.flow = parse_flow(*parsed.file, parsed.diagnostics);
  return parsed;
}

// The first step of a flow whose only step is a send.
inline const ast::Send& only_send(const Parsed& parsed) {
  return parsed.flow.steps.at(0).send;
}

// `send a.b { x = VALUE }` -> VALUE
inline const ast::Value& field_value(const Parsed& parsed) {
  return only_send(parsed).fields.at(0).value;
}

}  // namespace flowc::testing
