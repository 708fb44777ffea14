#include "tools/sandbox/http_routes.hpp"

#include <fmt/format.h>

#include <thread>
#include <utility>

#include "tools/sandbox/json_text.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "tools/sandbox/stand_ins.hpp"
#include "tools/sandbox/stubs/example_stub.hpp"

namespace flowc::sandbox {

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

void reply(httplib::Response& res, const StubResponse& stub) {
  res.status = stub.status;
  for (const auto& [name, value] : stub.headers) res.set_header(name, value);
  res.set_content(stub.body, kJson);
}

std::string query_of(const httplib::Request& req) {
  auto mark = req.target.find('?');
  return mark == std::string::npos ? std::string() : req.target.substr(mark + 1);
}

QueryParams form_params(const httplib::Request& req) {
  QueryParams params(req.params.begin(), req.params.end());
  if (req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    httplib::Params form;
    httplib::detail::parse_query_text(req.body, form);
    params.insert(form.begin(), form.end());
  }
  return params;
}

// Latency and faults run inside the route (not before routing), once httplib has read the body,
// so the log shows what a faulted request carried. Only the data APIs get them: not the OAuth
// token exchange (its errors have another shape), the /_sandbox endpoints or unknown paths.
// `fault` is the stand-in's answer to an injected fault, in its service's error shape.
httplib::Server::Handler with_faults(FaultInjector& faults, StubResponse (*fault)(const FaultDecision&),
                                     httplib::Server::Handler handler) {
  return [&faults, fault, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    auto decision = faults.next();
    if (decision.latency.count() > 0) std::this_thread::sleep_for(decision.latency);
    if (decision.kind != FaultKind::kNone) return reply(res, fault(decision));
    handler(req, res);
  };
}

// `handler` answers every method a connector sends on paths matching `pattern`.
void for_each_method(httplib::Server& server, const std::string& pattern, const httplib::Server::Handler& handler) {
  server.Get(pattern, handler);
  server.Post(pattern, handler);
  server.Put(pattern, handler);
  server.Patch(pattern, handler);
  server.Delete(pattern, handler);
}

StubResponse not_found_response(const httplib::Request& req) {
  const StandIn* stand_in = find_stand_in(service_of_path(req.path));
  if (stand_in != nullptr && stand_in->not_found != nullptr) return stand_in->not_found();
  std::string paths;
  for (const StandIn& each : stand_ins())
    if (!each.base_path.empty()) paths += fmt::format("{}{}", paths.empty() ? "" : ", ", each.base_path);
  return {404,
          json_object_with_string("error", fmt::format("no sandbox endpoint {} {}; services live under {}; see also "
                                                       "/_sandbox/requests and /_sandbox/state",
                                                       req.method, req.path, paths)),
          {}};
}

}  // namespace

void install_keepincrm(httplib::Server& server, Services& services, FaultInjector& faults) {
  KeepinCrmStub& crm = services.keepincrm;
  // Every KeepinCRM call needs X-Auth-Token; the check wraps each handler.
  auto authed = [&crm, &faults](auto handler) {
    return with_faults(faults, &KeepinCrmStub::fault,
                       [&crm, handler](const httplib::Request& req, httplib::Response& res) {
                         if (auto rejection = crm.reject_unauthorized(req.get_header_value("X-Auth-Token")))
                           return reply(res, *rejection);
                         reply(res, handler(req));
                       });
  };
  const std::string collection = "/keepincrm/v1/agreements";
  const std::string member = R"(/keepincrm/v1/agreements/([^/]+))";
  server.Get(collection, authed([&crm](const httplib::Request& req) {
               return crm.list(QueryParams(req.params.begin(), req.params.end()));
             }));
  server.Post(collection, authed([&crm](const httplib::Request& req) { return crm.create(req.body); }));
  server.Get(member, authed([&crm](const httplib::Request& req) { return crm.get(req.matches[1].str()); }));
  auto update = authed([&crm](const httplib::Request& req) { return crm.update(req.matches[1].str(), req.body); });
  server.Patch(member, update);
  server.Put(member, update);
}

void install_telegram(httplib::Server& server, Services& services, FaultInjector& faults) {
  TelegramStub& bot = services.telegram;
  auto handler = with_faults(faults, &TelegramStub::fault, [&bot](const httplib::Request& req, httplib::Response& res) {
    // The methods the stub keeps state for (sendMessage, getMe); the others the manifest describes
    // (sendPhoto, sendDocument) are answered from its examples.
    const StubResponse answer = bot.handle(req.matches[1].str(), req.matches[2].str(), form_params(req),
                                           req.get_header_value("Content-Type"), req.body);
    const manifest::ConnectorManifest* described = catalog::installed().find_manifest("telegram");
    if (answer.status != 404 || described == nullptr) return reply(res, answer);
    constexpr std::string_view kRoot = "/telegram";
    const StubResponse example = example_answer(*described, req.method, std::string_view(req.path).substr(kRoot.size()),
                                                QueryParams(req.params.begin(), req.params.end()));
    reply(res, example.status == 404 ? answer : example);
  });
  const std::string method_path = R"(/telegram/bot([^/]*)/([A-Za-z]+))";
  server.Post(method_path, handler);
  server.Get(method_path, handler);
}

void install_sheets(httplib::Server& server, Services& services, FaultInjector& faults) {
  SheetsStub& sheets = services.sheets;
  server.Get(R"(/sheets/v4/spreadsheets/([^/]+)/values/(.+))",
             with_faults(faults, &SheetsStub::fault, [&sheets](const httplib::Request& req, httplib::Response& res) {
               if (auto rejection =
                       sheets.reject_unauthorized(req.get_param_value("key"), req.get_header_value("Authorization"))) {
                 return reply(res, *rejection);
               }
               reply(res, sheets.values_get(req.matches[1].str(), req.matches[2].str(),
                                            QueryParams(req.params.begin(), req.params.end())));
             }));
  // Appends (values.append) are answered from the manifest's examples: the sheet itself is not changed.
  server.Post(R"(/sheets/v4/spreadsheets/([^/]+)/values/(.+))",
              with_faults(faults, &SheetsStub::fault, [&sheets](const httplib::Request& req, httplib::Response& res) {
                if (auto rejection =
                        sheets.reject_unauthorized(req.get_param_value("key"), req.get_header_value("Authorization"))) {
                  return reply(res, *rejection);
                }
                const manifest::ConnectorManifest* described = catalog::installed().find_manifest("google_sheets");
                if (described == nullptr) return reply(res, google_error(404, "NOT_FOUND", "Requested entity was not found."));
                constexpr std::string_view kRoot = "/sheets";
                reply(res, example_answer(*described, req.method, std::string_view(req.path).substr(kRoot.size()),
                                          QueryParams(req.params.begin(), req.params.end())));
              }));
  server.Post("/sheets/token", [&sheets](const httplib::Request& req, httplib::Response& res) {
    reply(res, sheets.token(form_params(req)));
  });
}

void install_http(httplib::Server& server, Services& services, FaultInjector& faults) {
  auto handler = with_faults(faults, &HttpEcho::fault, [&echo = services.http](const httplib::Request&,
                                                                               httplib::Response& res) {
    reply(res, echo.accept());
  });
  for_each_method(server, R"(/http(/.*)?)", handler);
}

void install_examples(httplib::Server& server, FaultInjector& faults) {
  auto handler = with_faults(faults, &HttpEcho::fault, [](const httplib::Request& req, httplib::Response& res) {
    const std::string connector = req.matches[1].str();
    const manifest::ConnectorManifest* manifest = catalog::installed().find_manifest(connector);
    if (manifest == nullptr) {
      return reply(res, {404, json_object_with_string("error", fmt::format("no connector {} is installed", connector)),
                         {}});
    }
    reply(res, example_answer(*manifest, req.method, req.matches[2].str(), QueryParams(req.params.begin(), req.params.end())));
  });
  for_each_method(server, std::string(kExamplesPath) + R"(([^/]+)(/.*)?)", handler);
}

namespace {

void install_introspection(httplib::Server& server, IntrospectionEndpoints introspection) {
  server.Get("/_sandbox/requests", [fn = introspection.requests_json](const httplib::Request&, httplib::Response& res) {
    res.set_content(fn(), kJson);
  });
  server.Get("/_sandbox/state", [fn = introspection.state_json](const httplib::Request&, httplib::Response& res) {
    res.set_content(fn(), kJson);
  });
}

void install_not_found(httplib::Server& server) {
  for_each_method(server, ".*",
                  [](const httplib::Request& req, httplib::Response& res) { reply(res, not_found_response(req)); });
}

}  // namespace

void install_routes(httplib::Server& server, Services& services, FaultInjector& faults, RequestLog& log,
                    IntrospectionEndpoints introspection) {
  // Logged before the answer is written (not in set_logger, which runs after), so a client that
  // has its answer always finds its request in the log.
  server.set_post_routing_handler([&log](const httplib::Request& req, httplib::Response& res) {
    auto service = service_of_path(req.path);
    if (service.empty()) return;  // the sandbox's own endpoints
    bool form = req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded");
    log.add({service, req.method, redact_path(req.path), redact_query(query_of(req)),
             form ? redact_query(req.body) : req.body, res.status});
  });
  for (const StandIn& stand_in : stand_ins())
    if (stand_in.install != nullptr) stand_in.install(server, services, faults);
  install_examples(server, faults);
  install_introspection(server, std::move(introspection));
  install_not_found(server);
}

}  // namespace flowc::sandbox
