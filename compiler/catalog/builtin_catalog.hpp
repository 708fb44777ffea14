// The connectors built into flowc: the native ones (ir/catalog.cpp) and the manifests of
// connectors/*/*.connector, which the build embeds in the binary (a generated .cpp, see
// compiler/CMakeLists.txt), so nothing is read from the source tree at run time.
#pragma once

#include <span>
#include <string_view>

#include "ir/manifest/connector_catalog.hpp"

namespace flowc::manifest {

struct EmbeddedManifest {
  std::string_view path;  // "connectors/keepincrm/keepincrm.connector", for messages
  std::string_view text;
};

// Every built-in manifest as the build found it, by path. Defined in the generated file.
std::span<const EmbeddedManifest> embedded_manifests();

// The built-in catalog, read on first use and kept for the life of the process (a `flowc check`
// of many flows reads the manifests once). A built-in manifest that does not read cleanly is a
// bug of flowc itself: throws std::logic_error with its diagnostics.
const catalog::Catalog& builtin_catalog();

// The native connectors and `embedded` read, in list order: builtin_catalog()'s work, open to
// tests. A manifest that does not read cleanly throws std::logic_error naming it, with its diagnostics.
catalog::Catalog read_builtin_catalog(std::span<const EmbeddedManifest> embedded);

// catalog::install(builtin_catalog()): what a program does at start, before it checks or runs a flow.
void install_builtin_catalog();

}  // namespace flowc::manifest
