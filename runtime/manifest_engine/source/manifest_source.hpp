// Source actions performed from a connector manifest: `action NAME { kind = source }` lists the
// service's records page by page (PageWalk) and yields each as a row (RecordRows). Which rows are
// new is the runner's business, as for every source (the state store knows the keys handled).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ir/manifest/connector_manifest.hpp"
#include "runtime/connector.hpp"

namespace flowc::runtime::manifest_engine {

class ManifestSourceAction final : public SourceAction {
 public:
  // `connector` must outlive the action and every source it opens.
  ManifestSourceAction(const manifest::ConnectorManifest& connector, const manifest::ActionManifest& action,
                       const catalog::ActionSpec& spec)
      : connector_(connector), action_(action), spec_(spec) {}

  std::unique_ptr<RowSource> open(const rapidjson::Value& fields, const AccountConfig& account,
                                  HttpClient& http) const override;
  std::unique_ptr<RowSource> open_from(const rapidjson::Value& fields, const AccountConfig& account, HttpClient& http,
                                       const std::optional<std::string>& position) const override;

 private:
  const manifest::ConnectorManifest& connector_;
  const manifest::ActionManifest& action_;
  const catalog::ActionSpec& spec_;
};

// The source action `action` of `connector`, or null when it has no such source.
std::unique_ptr<ManifestSourceAction> make_source_action(const manifest::ConnectorManifest& connector,
                                                         std::string_view action);

}  // namespace flowc::runtime::manifest_engine
