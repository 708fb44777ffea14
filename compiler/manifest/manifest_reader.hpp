// Reads a connector manifest (docs/connector-format.md): text -> ConnectorManifest, every problem
// collected as a diagnostic with its span. The public entry point of compiler/manifest/.
#pragma once

#include <optional>
#include <string>

#include "ir/diagnostic.hpp"
#include "ir/manifest/connector_manifest.hpp"
#include "ir/source.hpp"

namespace flowc::manifest {

struct ManifestResult {
  SourceFile source;
  Diagnostics diagnostics;
  std::optional<ConnectorManifest> manifest;  // set when there is no error
};

ManifestResult read_manifest(std::string path, std::string text);

}  // namespace flowc::manifest
