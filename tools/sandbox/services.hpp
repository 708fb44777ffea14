// The stand-in HTTP services together, as the routes and the Sandbox share them.
#pragma once

#include "tools/sandbox/stubs/http_echo.hpp"
#include "tools/sandbox/stubs/keepincrm_stub.hpp"
#include "tools/sandbox/stubs/sheets/sheets_stub.hpp"
#include "tools/sandbox/stubs/telegram_stub.hpp"

namespace flowc::sandbox {

struct Services {
  KeepinCrmStub keepincrm;
  TelegramStub telegram;
  SheetsStub sheets;
  HttpEcho http;
};

}  // namespace flowc::sandbox
