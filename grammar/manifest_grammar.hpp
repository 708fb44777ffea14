// The grammar of connector manifests (docs/connector-format.md): flowc's block language. A
// manifest is a tree of `name = value` fields and `keyword [label ...] { ... }` blocks; values,
// strings, templates, lists and field names are the flow grammar's own rules, so a manifest reads
// (and is formatted, highlighted and diagnosed) like a flow. What each block may hold is not
// grammar but the reader's schema (compiler/manifest/), which names what is unknown or missing.
#pragma once

#include <tao/pegtl.hpp>

#include "grammar/flow_grammar.hpp"

namespace flowc::grammar::manifest {

namespace p = tao::pegtl;

// `action update_order {`, `field "custom_fields.*" {`: a keyword, then labels on the same line.
struct block_keyword : identifier {};
// A dotted word (`client.person`); its own rule, so the flow's actions for field names stay out.
struct label_part : field_part {};
struct label_word : p::seq<label_part, p::star<p::one<'.'>, label_part>> {};
struct block_label : p::sor<simple_string, label_word> {};
struct block_labels : p::star<p::plus<blank>, block_label> {};
struct block_open : p::one<'{'> {};
struct block_close : p::one<'}'> {};

struct entry;
struct block_body : p::seq<separators, p::star<entry, separators>> {};
// The lookahead at the keyword keeps a misspelt field (`kind send`) from passing for a block head
// only when no `{` follows: it then reports "expected `{`", which names the slip.
struct block : p::seq<block_keyword, block_labels, ws, p::must<block_open>, block_body, p::must<block_close>> {};

// A field is the flow grammar's `name = value` (dotted names, dashes for header names).
struct entry : p::sor<field_item, block> {};
struct top_entry : p::seq<entry> {};

struct file : p::seq<p::opt<p::utf8::bom>, separators, p::until<p::eof, p::must<top_entry>, separators>> {};

}  // namespace flowc::grammar::manifest
