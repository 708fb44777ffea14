// The runtime connectors of the connectors described by manifests: one Connector per manifest,
// its send and source actions performed by the engine (ManifestSendAction, ManifestSourceAction).
// What a ConnectorSet lists for every connector that is data, not C++.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "ir/manifest/connector_manifest.hpp"
#include "runtime/connector.hpp"
#include "runtime/manifest_engine/manifest_send.hpp"
#include "runtime/manifest_engine/source/manifest_source.hpp"

namespace flowc::runtime::manifest_engine {

class ManifestConnectors {
 public:
  // `manifests` (a catalog's) must outlive this and stay where they are.
  explicit ManifestConnectors(std::span<const manifest::ConnectorManifest> manifests);
  ManifestConnectors(const ManifestConnectors&) = delete;
  ManifestConnectors& operator=(const ManifestConnectors&) = delete;

  // The connector of the manifest `name`, or null.
  const Connector* find(std::string_view name) const;

 private:
  // One manifest's connector; its Connector's spans point into `sends` and `sources`, so it stays
  // on the heap.
  struct Described {
    std::vector<std::unique_ptr<ManifestSendAction>> send_actions;
    std::vector<std::unique_ptr<ManifestSourceAction>> source_actions;
    std::vector<NamedAction<SendAction>> sends;
    std::vector<NamedAction<SourceAction>> sources;
    Connector connector;
  };
  std::vector<std::unique_ptr<Described>> described_;
};

}  // namespace flowc::runtime::manifest_engine
