// The long form of every diagnostic code, for `flowc explain CODE`: what it means, an example that
// triggers it and how to fix it. Kept as data next to the code tables so a test can hold every code
// to having one, and compile every example to see that it really reports its code.
#pragma once

#include <span>
#include <string_view>

namespace flowc {

struct DiagnosticExplanation {
  std::string_view code;
  std::string_view explanation;
  // Lines added to the end of explanation_base_flow(), or, when example_is_flow is false, words
  // describing an input that cannot be shown as a short flow (a NUL byte, 64 nested levels).
  std::string_view example;
  bool example_is_flow = true;
  std::string_view fix;                 // prose, then the corrected lines when the example is a flow
  std::string_view fixed_example = {};  // replaces `example` in the base flow; empty when not a flow
};

// A small flow that compiles cleanly: accounts `sheets`, `crm`, `bot`, source `row`, send `update`.
std::string_view explanation_base_flow();

// Every code of the parser and the checker, in code order.
std::span<const DiagnosticExplanation> diagnostic_explanations();
// Every code of the connector manifests (M001..), in code order; none has a flow example.
std::span<const DiagnosticExplanation> manifest_explanations();
// A flow's or a manifest's code.
const DiagnosticExplanation* find_explanation(std::string_view code);
// The one-line title from the parser's, the checker's or the manifests' code table; empty for an
// unknown code.
std::string_view diagnostic_title(std::string_view code);

}  // namespace flowc
