// The message of every `must<>` point of grammar/manifest_grammar.hpp. Rules a manifest shares
// with flows (strings, values, lists) keep the flows' messages and codes; the block structure has
// its own codes, M001..M003 (ir/manifest/manifest_codes.hpp).
#pragma once

#include <tao/pegtl.hpp>

#include "grammar/error_messages.hpp"
#include "grammar/manifest_grammar.hpp"

namespace flowc::grammar::manifest {

template <typename Rule>
inline constexpr const char* error_message = grammar::error_message<Rule>;

// clang-format off
template <> inline constexpr const char* error_message<top_entry> = "M001 expected a field `name = value` or a block `name { ... }`";
template <> inline constexpr const char* error_message<block_open> = "M002 expected `{` after the block's name (or `=` for a field)";
template <> inline constexpr const char* error_message<block_close> = "M003 expected a field `name = value`, a block `name { ... }` or `}` to close the block";
// Shared rules whose flow message speaks of flows.
template <> inline constexpr const char* error_message<interp_ref> = "E006 expected a field name such as `id` or `account.api_key` after `{{`";
// clang-format on

// The flows' table, with this file's messages.
struct syntax_errors : grammar::syntax_errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
};

template <typename Rule>
using control = tao::pegtl::must_if<syntax_errors>::control<Rule>;

}  // namespace flowc::grammar::manifest
