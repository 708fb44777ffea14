// The one list of connectors. A connector described by a manifest (connectors/<service>/*.connector)
// needs no line here: the engine performs its sends. The C++ connectors are listed explicitly,
// not registered from static initializers, which a static library drops when nothing else in
// their file is referenced.
#include "connectors/list.hpp"

#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "connectors/csv/csv_file.hpp"
#include "connectors/email/email.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "runtime/manifest_engine/manifest_connectors.hpp"

namespace flowc::runtime::connectors {
namespace {

// The connectors that are C++: csv and email, which are not HTTP.
const std::array<const Connector*, 2>& native_connectors() {
  static const std::array<const Connector*, 2> kNative{&csv_connector(), &email_connector()};
  return kNative;
}

const Connector* native_connector(std::string_view name) {
  for (const Connector* connector : native_connectors())
    if (connector->name == name) return connector;
  return nullptr;
}

}  // namespace

CatalogConnectors::CatalogConnectors(const catalog::Catalog& catalog)
    : described_(std::make_unique<manifest_engine::ManifestConnectors>(catalog.manifests())) {
  for (const catalog::ConnectorSpec& spec : catalog.connectors()) {
    const Connector* connector = native_connector(spec.name);
    if (connector == nullptr) connector = described_->find(spec.name);
    if (connector != nullptr) listed_.push_back(connector);
  }
  set_.emplace(listed_);
}

CatalogConnectors::~CatalogConnectors() = default;

const ConnectorSet& installed_connectors() {
  // One set per catalog installed, each kept: a run may still hold the set of an earlier one.
  static std::vector<std::pair<const catalog::Catalog*, std::unique_ptr<CatalogConnectors>>> made;
  const catalog::Catalog& installed = catalog::installed();
  if (made.empty() || made.back().first != &installed)
    made.emplace_back(&installed, std::make_unique<CatalogConnectors>(installed));
  return made.back().second->set();
}

}  // namespace flowc::runtime::connectors
