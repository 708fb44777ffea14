// The one list of connectors: adding a connector is its folder and a line here. An explicit list,
// not self-registration from static initializers, which a static library drops when nothing else
// in their file is referenced.
#include "connectors/list.hpp"

#include <algorithm>
#include <array>

#include "connectors/common/json_api_reply.hpp"
#include "connectors/csv/csv_file.hpp"
#include "connectors/email/email.hpp"
#include "connectors/google_sheets/google_sheets.hpp"
#include "connectors/http/http_request.hpp"
#include "connectors/keepincrm/keepincrm.hpp"
#include "connectors/keepincrm/keepincrm_test_reply.hpp"
#include "connectors/telegram/telegram.hpp"
#include "connectors/telegram/telegram_test_reply.hpp"

namespace flowc::runtime::connectors {
namespace {

// A connector with what `flowc test` needs of it: its service's answer (null: a JSON API's).
struct Listed {
  const Connector& connector;
  TestReply test_reply = nullptr;
};

constexpr std::size_t kCount = 6;

const std::array<Listed, kCount>& listed() {
  static const std::array<Listed, kCount> kListed{{
      {csv_connector()},
      {email_connector()},
      {google_sheets_connector()},
      {http_connector()},
      {keepincrm_connector(), &keepincrm_test_reply},
      {telegram_connector(), &telegram_test_reply},
  }};
  return kListed;
}

}  // namespace

const ConnectorSet& builtin_connectors() {
  static const std::array<const Connector*, kCount> kConnectors = [] {
    std::array<const Connector*, kCount> pointers{};
    std::ranges::transform(listed(), pointers.begin(), [](const Listed& entry) { return &entry.connector; });
    return pointers;
  }();
  static const ConnectorSet kSet(kConnectors);
  return kSet;
}

TestReply test_reply_of(std::string_view name) {
  for (const Listed& entry : listed())
    if (entry.connector.name == name && entry.test_reply != nullptr) return entry.test_reply;
  return &json_api_reply;
}

}  // namespace flowc::runtime::connectors
