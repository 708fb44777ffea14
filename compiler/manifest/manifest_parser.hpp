// Manifest text -> TreeBlock: the syntax only. A syntax error stops the file (one diagnostic with
// a caret, as a flow's); the reader then checks the tree against the manifest schema.
#pragma once

#include <optional>

#include "compiler/manifest/manifest_tree.hpp"
#include "ir/diagnostic.hpp"
#include "ir/source.hpp"

namespace flowc::manifest {

// The file's top-level entries as one block; nullopt after a syntax error (reported).
std::optional<TreeBlock> parse_manifest_tree(const SourceFile& file, Diagnostics& diagnostics);

}  // namespace flowc::manifest
