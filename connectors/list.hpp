// The connectors a program hands to each run (runtime::RunOptions::connectors): the C++ connectors
// (csv and email) and, for every connector described by a manifest, the engine's actions.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "runtime/connector.hpp"

namespace flowc::catalog {
class Catalog;
}
namespace flowc::runtime::manifest_engine {
class ManifestConnectors;
}

namespace flowc::runtime::connectors {

// The runtime connectors of every connector `catalog` lists, in its order. `catalog` must outlive
// this and not change while it lives.
class CatalogConnectors {
 public:
  explicit CatalogConnectors(const catalog::Catalog& catalog);
  ~CatalogConnectors();
  CatalogConnectors(const CatalogConnectors&) = delete;
  CatalogConnectors& operator=(const CatalogConnectors&) = delete;

  const ConnectorSet& set() const { return *set_; }

 private:
  std::unique_ptr<manifest_engine::ManifestConnectors> described_;
  std::vector<const Connector*> listed_;
  std::optional<ConnectorSet> set_;
};

// The connectors of the catalog installed now (catalog::installed(): the built-in one plus any
// user connectors), made at the first call for that catalog and kept for the life of the process.
// Not thread-safe: call it first before the threads that run flows start, as install() is.
const ConnectorSet& installed_connectors();

}  // namespace flowc::runtime::connectors
