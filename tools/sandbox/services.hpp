// The three stand-in HTTP services together, as the routes and the Sandbox share them.
#pragma once

#include "tools/sandbox/stubs/keepincrm_stub.hpp"
#include "tools/sandbox/stubs/sheets_stub.hpp"
#include "tools/sandbox/stubs/telegram_stub.hpp"

namespace flowc::sandbox {

struct Services {
  KeepinCrmStub keepincrm;
  TelegramStub telegram;
  SheetsStub sheets;
};

}  // namespace flowc::sandbox
