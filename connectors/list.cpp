// The one list of connectors: adding a connector is its folder and a line here. An explicit list,
// not self-registration from static initializers, which a static library drops when nothing else
// in their file is referenced.
#include <array>

#include "connectors/csv/csv_file.hpp"
#include "connectors/email/email.hpp"
#include "connectors/google_sheets/google_sheets.hpp"
#include "connectors/http/http_request.hpp"
#include "connectors/keepincrm/keepincrm.hpp"
#include "connectors/telegram/telegram.hpp"
#include "runtime/connector.hpp"

namespace flowc::runtime {

std::span<const Connector* const> connector_list() {
  static const std::array<const Connector*, 6> kConnectors{
      &connectors::csv_connector(),       &connectors::email_connector(),     &connectors::google_sheets_connector(),
      &connectors::http_connector(),      &connectors::keepincrm_connector(), &connectors::telegram_connector(),
  };
  return kConnectors;
}

}  // namespace flowc::runtime
