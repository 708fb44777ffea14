#include "compiler/catalog/user_connectors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <stdexcept>

#include "ir/manifest/connector_catalog.hpp"
#include "ir/manifest/manifest_codes.hpp"

namespace flowc::manifest {
namespace fs = std::filesystem;

namespace {

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read {}", path.string()));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool is_manifest(const fs::directory_entry& entry) {
  return entry.is_regular_file() && entry.path().extension() == ".connector";
}

// Every catalog installed here, alive for the life of the process, and the files already added.
struct Added {
  std::vector<std::unique_ptr<catalog::Catalog>> catalogs;
  std::set<fs::path> files;
};

Added& added() {
  static Added state;
  return state;
}

// The manifest read from `file`, or nullopt when it has an error (reported into `result`).
std::optional<ConnectorManifest> read_one(const fs::path& file, const catalog::Catalog& known,
                                          const std::vector<ConnectorManifest>& taken, AddedConnectors& result) {
  ManifestResult read = read_manifest(file.string(), read_whole(file));
  if (read.manifest) {
    const std::string& name = read.manifest->spec.name;
    const bool clash = known.find_connector(name) != nullptr ||
                       std::ranges::any_of(taken, [&](const ConnectorManifest& other) { return other.spec.name == name; });
    if (clash) {
      read.diagnostics.error(std::string(codes::kNameTaken.code), read.manifest->span,
                             fmt::format("a connector named `{}` is already known", name),
                             "rename the connector; a built-in one cannot be replaced");
      read.manifest.reset();
    }
  }
  std::optional<ConnectorManifest> manifest = std::move(read.manifest);
  if (read.diagnostics.has_errors()) result.ok = false;
  if (!read.diagnostics.items().empty()) result.reported.push_back(std::move(read));
  return manifest;
}

}  // namespace

std::vector<fs::path> connector_folders(std::span<const std::string> flagged, std::string_view env_list,
                                        const fs::path& flow_path) {
  std::vector<fs::path> folders(flagged.begin(), flagged.end());
  while (!env_list.empty()) {
    const auto colon = env_list.find(':');
    if (colon != 0) folders.emplace_back(env_list.substr(0, colon));
    if (colon == std::string_view::npos) break;
    env_list.remove_prefix(colon + 1);
  }
  if (flow_path.empty()) return folders;  // no flow (`flowc connectors`): only the folders named
  std::error_code ignored;
  const fs::path beside = flow_path.parent_path() / "connectors";
  if (fs::is_directory(beside, ignored)) folders.push_back(beside);
  return folders;
}

std::vector<fs::path> manifest_files(const fs::path& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error))
    throw std::runtime_error(fmt::format("connectors folder {} does not exist or is not a folder", folder.string()));
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (is_manifest(entry)) files.push_back(entry.path());
    if (!entry.is_directory()) continue;
    for (const auto& inner : fs::directory_iterator(entry.path()))
      if (is_manifest(inner)) files.push_back(inner.path());
  }
  std::ranges::sort(files);
  return files;
}

AddedConnectors add_user_connectors(std::span<const fs::path> folders) {
  AddedConnectors result;
  Added& state = added();
  const catalog::Catalog& known = catalog::installed();
  std::vector<ConnectorManifest> manifests;
  for (const fs::path& folder : folders) {
    for (const fs::path& file : manifest_files(folder)) {
      const fs::path canonical = fs::weakly_canonical(file);
      if (state.files.contains(canonical)) continue;
      state.files.insert(canonical);
      if (auto manifest = read_one(file, known, manifests, result)) manifests.push_back(std::move(*manifest));
    }
  }
  if (!result.ok || manifests.empty()) return result;
  auto catalog = std::make_unique<catalog::Catalog>(known);
  for (ConnectorManifest& manifest : manifests) catalog->add_manifest(std::move(manifest));
  catalog::install(*catalog);
  state.catalogs.push_back(std::move(catalog));
  return result;
}

}  // namespace flowc::manifest
