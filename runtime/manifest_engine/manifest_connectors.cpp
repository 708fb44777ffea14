#include "runtime/manifest_engine/manifest_connectors.hpp"

namespace flowc::runtime::manifest_engine {

ManifestConnectors::ManifestConnectors(std::span<const manifest::ConnectorManifest> manifests) {
  for (const manifest::ConnectorManifest& manifest : manifests) {
    auto described = std::make_unique<Described>();
    for (const catalog::ActionSpec& action : manifest.spec.actions) {
      if (auto send = make_send_action(manifest, action.name)) {
        described->sends.push_back({action.name, send.get()});
        described->send_actions.push_back(std::move(send));
      } else if (auto source = make_source_action(manifest, action.name)) {
        described->sources.push_back({action.name, source.get()});
        described->source_actions.push_back(std::move(source));
      }
    }
    described->connector = Connector{manifest.spec.name, described->sends, described->sources, Transport::Http};
    described_.push_back(std::move(described));
  }
}

const Connector* ManifestConnectors::find(std::string_view name) const {
  for (const auto& described : described_)
    if (described->connector.name == name) return &described->connector;
  return nullptr;
}

}  // namespace flowc::runtime::manifest_engine
