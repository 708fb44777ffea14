#include "compiler/catalog/builtin_catalog.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/manifest/manifest_reader.hpp"

namespace flowc::manifest {
namespace {

// The order `flowc connectors` and docs/connectors.md list the built-in connectors in; one not
// named here (a new folder) comes after them, by name.
constexpr std::string_view kListOrder[] = {"csv", "google_sheets", "keepincrm", "telegram", "email", "http"};

std::size_t list_rank(std::string_view name) {
  return static_cast<std::size_t>(std::find(std::begin(kListOrder), std::end(kListOrder), name) -
                                  std::begin(kListOrder));
}

ConnectorManifest read_embedded(const EmbeddedManifest& embedded) {
  ManifestResult result = read_manifest(std::string(embedded.path), std::string(embedded.text));
  if (!result.manifest || !result.diagnostics.items().empty()) {
    throw std::logic_error("the built-in connector manifest " + std::string(embedded.path) +
                           " does not read cleanly:\n" + render_text(result.source, result.diagnostics.items()));
  }
  return std::move(*result.manifest);
}

}  // namespace

catalog::Catalog read_builtin_catalog(std::span<const EmbeddedManifest> embedded) {
  std::vector<catalog::ConnectorSpec> natives = catalog::native_connectors();
  std::vector<ConnectorManifest> manifests;
  for (const EmbeddedManifest& manifest : embedded) manifests.push_back(read_embedded(manifest));

  // (rank, name, is manifest, index): sorted, the order the catalog lists them in.
  std::vector<std::tuple<std::size_t, std::string, bool, std::size_t>> order;
  for (std::size_t i = 0; i < natives.size(); ++i) order.emplace_back(list_rank(natives[i].name), natives[i].name, false, i);
  for (std::size_t i = 0; i < manifests.size(); ++i) {
    order.emplace_back(list_rank(manifests[i].spec.name), manifests[i].spec.name, true, i);
  }
  std::sort(order.begin(), order.end());

  catalog::Catalog catalog;
  for (const auto& [rank, name, is_manifest, index] : order) {
    if (is_manifest) {
      catalog.add_manifest(std::move(manifests[index]));
    } else {
      catalog.add_native(std::move(natives[index]));
    }
  }
  return catalog;
}

const catalog::Catalog& builtin_catalog() {
  static const catalog::Catalog kBuiltin = read_builtin_catalog(embedded_manifests());
  return kBuiltin;
}

void install_builtin_catalog() {
  catalog::install(builtin_catalog());
}

}  // namespace flowc::manifest
