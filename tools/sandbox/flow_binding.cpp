#include "tools/sandbox/flow_binding.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "ir/manifest/connector_catalog.hpp"
#include "runtime/interpreter/env_preflight.hpp"
#include "tools/sandbox/stand_ins.hpp"
#include "tools/sandbox/stubs/example_stub.hpp"

namespace flowc::sandbox {
namespace {

// A value the stand-ins accept for a credential or setting the flow reads from the environment.
std::string sandbox_value(const std::string& name) {
  if (name.find("BOT_TOKEN") != std::string::npos) return "123456789:sandbox-bot-token";
  if (name.find("CHAT_ID") != std::string::npos) return "-1001234567890";
  return "sandbox-" + name;
}

}  // namespace

AccountOverrides account_overrides(const Sandbox& sandbox) {
  const Sandbox* box = &sandbox;
  return [box](const ir::Account& account) -> std::vector<std::pair<std::string, std::string>> {
    const StandIn* stand_in = find_stand_in(account.connector);
    if (stand_in == nullptr) {
      // A connector described by a manifest with no stand-in of its own (a user connector): the
      // sandbox answers it from the manifest's examples, and nothing reaches the real service.
      const manifest::ConnectorManifest* described = catalog::installed().find_manifest(account.connector);
      if (described == nullptr) return {};
      const std::string base_url = fmt::format("http://127.0.0.1:{}{}{}", box->port(), kExamplesPath, account.connector);
      // Token endpoints too: credentials never go to the real service from the sandbox.
      std::vector<std::pair<std::string, std::string>> settings{{"base_url", base_url}};
      for (const manifest::Auth& auth : described->auth)
        if (!auth.token_url_field.empty()) settings.emplace_back(auth.token_url_field, base_url + std::string(kExampleTokenPath));
      return settings;
    }
    if (stand_in->base_path.empty()) return {{"smtp_url", box->smtp_url()}};
    const std::string base_url = box->base_url(stand_in->service);
    if (stand_in->token_path.empty()) return {{"base_url", base_url}};
    return {{"base_url", base_url}, {"token_url", base_url + std::string(stand_in->token_path)}};
  };
}

void fill_missing_env(const ir::Flow& flow) {
  for (const runtime::EnvRead& read : runtime::env_reads(flow)) {
    if (std::getenv(read.name.c_str()) == nullptr) setenv(read.name.c_str(), sandbox_value(read.name).c_str(), 0);
  }
}

}  // namespace flowc::sandbox
