// The set of connectors a program knows: the native ones (csv, email; their specs in
// ir/catalog.cpp) and the ones described by manifests (docs/connector-format.md), whose specs come
// from the manifest itself. The checker, the IR validator, the runtime, `flowc connectors` and the
// generated docs all read the catalog installed here.
//
// Why a process-wide registry rather than a value passed down: the catalog is read by the
// checker, the IR validator and the runtime's field typing deep below their entry points, and a
// program knows its catalog once, at start. The program (cli/main.cpp, the benchmarks, the fuzz
// targets, the tests' main) installs one before anything checks or runs a flow; code that reads
// it before that is a program bug and gets an exception that says so. Per-flow connector sets
// (issue 21 item 3: `--connectors DIR`, a `connectors/` folder beside the flow) build a Catalog
// from the built-in one plus the extra manifests and install it before that flow is checked.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_manifest.hpp"

namespace flowc::catalog {

class Catalog {
 public:
  // Adds a connector after those already added (the order `flowc connectors` and the docs list
  // them). A name already present throws std::invalid_argument: two connectors cannot share one.
  void add_native(ConnectorSpec spec);
  void add_manifest(manifest::ConnectorManifest manifest);

  std::span<const ConnectorSpec> connectors() const { return connectors_; }
  const ConnectorSpec* find_connector(std::string_view name) const;
  const ActionSpec* find_action(std::string_view connector, std::string_view action) const;
  // The manifest of a connector described by one; null for a native connector or an unknown name.
  const manifest::ConnectorManifest* find_manifest(std::string_view name) const;
  // Every connector described by a manifest, in list order.
  std::span<const manifest::ConnectorManifest> manifests() const { return manifests_; }

 private:
  void check_new_name(std::string_view name) const;

  std::vector<ConnectorSpec> connectors_;                // every connector's spec, in list order
  std::vector<manifest::ConnectorManifest> manifests_;  // those described by a manifest
};

// Makes `catalog` the one every later installed() returns; the caller keeps it alive. Returns the
// catalog installed before (null when none was), so a test can put it back. Not thread-safe:
// install before the threads that read it start.
const Catalog* install(const Catalog& catalog);
// The installed catalog; throws std::logic_error when the program has not installed one.
const Catalog& installed();

}  // namespace flowc::catalog
