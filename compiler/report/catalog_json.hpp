// The installed connector catalog as JSON (`flowc connectors --json`): what an editor needs for
// completion and hover without parsing manifests itself, read from the same manifests as the
// checker, the engine and docs/connectors.md.
#pragma once

#include <string>

#include "ir/catalog.hpp"

namespace flowc {

// {"connectors": [...]} with every connector, or the one named `only` (non-null).
std::string catalog_json(const catalog::ConnectorSpec* only = nullptr);

}  // namespace flowc
