#include "tools/sandbox/stand_ins.hpp"

#include <array>

#include "tools/sandbox/http_routes.hpp"
#include "tools/sandbox/stubs/keepincrm_stub.hpp"
#include "tools/sandbox/stubs/sheets/sheets_stub.hpp"

namespace flowc::sandbox {

std::span<const StandIn> stand_ins() {
  static const std::array<StandIn, 5> kStandIns{{
      {"keepincrm", "keepincrm", "KeepinCRM", "/keepincrm/v1", "", &install_keepincrm, &KeepinCrmStub::not_found},
      {"telegram", "telegram", "Telegram", "/telegram", "", &install_telegram,
       [] { return StubResponse{404, R"({"ok":false,"error_code":404,"description":"Not Found"})", {}}; }},
      {"google_sheets", "sheets", "Google Sheets", "/sheets", "/token", &install_sheets,
       [] { return google_error(404, "NOT_FOUND", "Requested entity was not found."); }},
      {"http", "http", "HTTP APIs", "/http", "", &install_http, nullptr},
      {"email", "smtp", "SMTP", "", "", nullptr, nullptr},
  }};
  return kStandIns;
}

std::string stand_in_titles() {
  const std::span<const StandIn> all = stand_ins();
  std::string text;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) text += i + 1 == all.size() ? " and " : ", ";
    text += all[i].title;
  }
  return text;
}

const StandIn* find_stand_in(std::string_view name) {
  for (const StandIn& stand_in : stand_ins())
    if (stand_in.connector == name || stand_in.service == name) return &stand_in;
  return nullptr;
}

}  // namespace flowc::sandbox
