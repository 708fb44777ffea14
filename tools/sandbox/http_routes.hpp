// Wires the stand-in services into a cpp-httplib server: routes, fault injection in the data
// API routes, and the request log written before every answer.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>

#include "tools/sandbox/faults.hpp"
#include "tools/sandbox/request_log.hpp"
#include "tools/sandbox/services.hpp"

namespace flowc::sandbox {

// The sandbox's own endpoints (/_sandbox/requests, /_sandbox/state) answer with these.
struct IntrospectionEndpoints {
  std::function<std::string()> requests_json;
  std::function<std::string()> state_json;
};

// Every stand-in's routes (stand_ins.hpp), the log, the sandbox's own endpoints and the not-found answers.
void install_routes(httplib::Server& server, Services& services, FaultInjector& faults, RequestLog& log,
                    IntrospectionEndpoints introspection);

// Each stand-in's routes, as the list in stand_ins.cpp names them.
void install_keepincrm(httplib::Server& server, Services& services, FaultInjector& faults);
void install_telegram(httplib::Server& server, Services& services, FaultInjector& faults);
void install_sheets(httplib::Server& server, Services& services, FaultInjector& faults);
void install_http(httplib::Server& server, Services& services, FaultInjector& faults);
// Every other connector of the installed catalog, answered from its manifest's examples under
// /examples/<connector> (stubs/example_stub.hpp).
void install_examples(httplib::Server& server, FaultInjector& faults);

}  // namespace flowc::sandbox
