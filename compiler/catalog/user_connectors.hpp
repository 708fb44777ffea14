// Connectors a user adds without building flowc: manifests in folders (`--connectors DIR`,
// FLOWC_CONNECTORS, a `connectors/` folder beside the flow), read like the built-in ones and
// added to the installed catalog, which the checker, the runtime and the tools all read.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "compiler/manifest/manifest_reader.hpp"

namespace flowc::manifest {

// The folders a flow's connectors come from, in this order: each of `flagged`, each entry of
// `env_list` (FLOWC_CONNECTORS: folders separated by ':'), and `connectors/` beside `flow_path`
// when that folder exists.
std::vector<std::filesystem::path> connector_folders(std::span<const std::string> flagged, std::string_view env_list,
                                                     const std::filesystem::path& flow_path);

// The manifests of `folder`: its *.connector files and those one folder down
// (`shop/shop.connector`), sorted by path. Throws std::runtime_error when it is not a folder.
std::vector<std::filesystem::path> manifest_files(const std::filesystem::path& folder);

// What adding folders found: every manifest read that has a diagnostic (to print with its caret).
struct AddedConnectors {
  std::vector<ManifestResult> reported;
  bool ok = true;  // no error anywhere
};

// Reads the manifests of `folders` that were not added before and installs a catalog of the
// installed one plus them (catalog::install; each catalog is kept for the life of the process,
// since the runs and tools of a process may hold the connectors made from an earlier one). A file
// with an error adds nothing; a connector named like one already known is an error of its file
// (M021). The same file reached twice (two flows in one folder) is read once.
AddedConnectors add_user_connectors(std::span<const std::filesystem::path> folders);

}  // namespace flowc::manifest
