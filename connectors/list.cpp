// The one list of connectors. A connector described by a manifest (connectors/<service>/*.connector)
// needs no line here: the engine performs its sends. The C++ connectors are listed explicitly,
// not registered from static initializers, which a static library drops when nothing else in
// their file is referenced.
#include "connectors/list.hpp"

#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "connectors/common/json_api_reply.hpp"
#include "connectors/csv/csv_file.hpp"
#include "connectors/email/email.hpp"
#include "connectors/keepincrm/keepincrm_test_reply.hpp"
#include "connectors/telegram/telegram_test_reply.hpp"
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

// The answers `flowc test` gives in a service's own wire shape, where it is not a plain JSON API's.
struct ListedReply {
  std::string_view connector;
  TestReply reply;
};
constexpr std::array<ListedReply, 2> kTestReplies{{{"keepincrm", &keepincrm_test_reply}, {"telegram", &telegram_test_reply}}};

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

TestReply test_reply_of(std::string_view name) {
  for (const ListedReply& entry : kTestReplies)
    if (entry.connector == name) return entry.reply;
  return &json_api_reply;
}

}  // namespace flowc::runtime::connectors
