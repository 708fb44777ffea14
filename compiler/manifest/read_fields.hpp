// `field NAME { ... }` blocks: the catalog::FieldSpec a flow is checked against, and the route
// that says where the engine puts the value. Used for account fields and action fields alike.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/manifest/block_reader.hpp"

namespace flowc::manifest {

struct FieldList {
  std::vector<catalog::FieldSpec> specs;
  std::vector<FieldRoute> routes;  // same order as specs
  std::vector<Span> spans;         // where each was declared, for "set twice"
};

// The connector's `field_group NAME { field ... }` blocks, by name, each read once.
using FieldGroups = std::map<std::string, FieldList, std::less<>>;
FieldGroups read_field_groups(BlockReader& connector);

// Reads the `field` blocks of `reader`'s block, and with `groups` its `fields_from = NAME`
// entries, in the order written. `default_in`: where a field goes without `in`.
FieldList read_fields(BlockReader& reader, const FieldGroups* groups, Placement default_in);

// Appends one field to `list`, reporting a name given twice.
void add_field(FieldList& list, catalog::FieldSpec spec, FieldRoute route, Span span, Problems& problems,
               std::string_view owner);

// The closest field of `list` to `name`, as a "did you mean" help.
std::string field_suggestion(const FieldList& list, std::string_view name);

}  // namespace flowc::manifest
