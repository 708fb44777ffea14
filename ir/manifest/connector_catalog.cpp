#include "ir/manifest/connector_catalog.hpp"

#include <stdexcept>
#include <string>

namespace flowc::catalog {
namespace {

const Catalog* g_installed = nullptr;

}  // namespace

void Catalog::check_new_name(std::string_view name) const {
  if (find_connector(name)) throw std::invalid_argument("two connectors are named " + std::string(name));
}

void Catalog::add_native(ConnectorSpec spec) {
  check_new_name(spec.name);
  connectors_.push_back(std::move(spec));
}

void Catalog::add_manifest(manifest::ConnectorManifest manifest) {
  check_new_name(manifest.spec.name);
  connectors_.push_back(manifest.spec);
  manifests_.push_back(std::move(manifest));
}

const ConnectorSpec* Catalog::find_connector(std::string_view name) const {
  for (const ConnectorSpec& connector : connectors_) {
    if (connector.name == name) return &connector;
  }
  return nullptr;
}

const ActionSpec* Catalog::find_action(std::string_view connector, std::string_view action) const {
  const ConnectorSpec* spec = find_connector(connector);
  return spec ? catalog::find_action(*spec, action) : nullptr;
}

const manifest::ConnectorManifest* Catalog::find_manifest(std::string_view name) const {
  for (const manifest::ConnectorManifest& manifest : manifests_) {
    if (manifest.spec.name == name) return &manifest;
  }
  return nullptr;
}

const Catalog* install(const Catalog& catalog) {
  const Catalog* previous = g_installed;
  g_installed = &catalog;
  return previous;
}

const Catalog& installed() {
  if (!g_installed) {
    throw std::logic_error("no connector catalog is installed: the program must install one at start "
                           "(compiler/catalog/builtin_catalog.hpp)");
  }
  return *g_installed;
}

}  // namespace flowc::catalog
