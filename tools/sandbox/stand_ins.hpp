// The one list of the sandbox's stand-ins, keyed by the connector each stands in for. Everything
// in the sandbox that differs by service (URLs, routes, the request log's service names, the
// settings that point an account at the sandbox, `flowc sandbox`'s endpoint list) reads it.
// The stand-ins stay here rather than in each connector's folder because they are HTTP servers
// (cpp-httplib), which the connector layer must not link.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "tools/sandbox/faults.hpp"
#include "tools/sandbox/stubs/stub_response.hpp"

namespace httplib {
class Server;
}

namespace flowc::sandbox {

struct Services;

struct StandIn {
  std::string_view connector;   // the catalog connector it stands in for: "google_sheets"
  std::string_view service;     // its name in the request log and its path segment: "sheets"
  std::string_view title;       // the service's own name, for people: "Google Sheets"
  std::string_view base_path;   // an account's base_url under the sandbox's root; empty: the SMTP sink
  std::string_view token_path;  // under base_path: the OAuth token endpoint (token_url); empty: none
  // Its routes, faults included; null for the SMTP sink.
  void (*install)(httplib::Server& server, Services& services, FaultInjector& faults) = nullptr;
  // Its answer to a path under it that it does not serve.
  StubResponse (*not_found)() = nullptr;
};

std::span<const StandIn> stand_ins();

// The titles of every stand-in as one phrase: "KeepinCRM, Telegram, Google Sheets, HTTP APIs and SMTP".
std::string stand_in_titles();

// The stand-in named `name`, as a connector ("google_sheets") or as a service ("sheets"); null
// when the sandbox has none.
const StandIn* find_stand_in(std::string_view name);

}  // namespace flowc::sandbox
