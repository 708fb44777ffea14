// User connectors for the flows a command loads: the manifests in each `--connectors DIR`, in
// FLOWC_CONNECTORS and in a `connectors/` folder beside the flow, added to the installed catalog
// before the flow is checked (compiler/catalog/user_connectors.hpp).
#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/user_connectors.hpp"

namespace flowc::cli {

// The `--connectors DIR` options given to flowc (main.cpp fills it while parsing).
std::vector<std::string>& connector_folder_options();

// Adds the connectors of `flow_path`'s folders (`flow_path` empty: only those of `--connectors` and
// FLOWC_CONNECTORS). Throws UsageError for a folder that is not one;
// the manifests' diagnostics are returned for the caller to print (load_flow prints them and
// fails on an error; check counts them with the flow's).
manifest::AddedConnectors add_flow_connectors(const std::string& flow_path);

// After this, add_flow_connectors adds nothing: `serve` reads its flows' connectors when it
// starts, before any run's thread reads the catalog (a reload takes the flows' new text, not new
// manifests: restart it for those).
void stop_adding_connectors();

}  // namespace flowc::cli
