#include "runtime/sandbox/flow_binding.hpp"

#include <cstdlib>
#include <set>

namespace flowc::sandbox {
namespace {

void collect_env(const ir::Value& value, std::set<std::string>& names) {
  if (value.kind == ir::Value::Kind::Ref && value.ref.root == ir::RefRoot::Env) names.insert(value.ref.path.at(0));
  for (const ir::TemplatePart& part : value.parts) {
    if (part.is_ref && part.ref.root == ir::RefRoot::Env) names.insert(part.ref.path.at(0));
  }
  for (const ir::Value& item : value.items) collect_env(item, names);
}

void collect_env(const std::vector<ir::Field>& fields, std::set<std::string>& names) {
  for (const ir::Field& field : fields) collect_env(field.value, names);
}

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
    if (account.connector == "keepincrm" || account.connector == "telegram") {
      return {{"base_url", box->base_url(account.connector)}};
    }
    if (account.connector == "google_sheets") {
      return {{"base_url", box->base_url("sheets")}, {"token_url", box->base_url("sheets") + "/token"}};
    }
    if (account.connector == "email") return {{"smtp_url", box->smtp_url()}};
    return {};
  };
}

void fill_missing_env(const ir::Flow& flow) {
  std::set<std::string> names;
  for (const ir::Account& account : flow.accounts) collect_env(account.fields, names);
  collect_env(flow.source.fields, names);
  ir::for_each_send(flow.steps, [&names](const ir::Send& send) { collect_env(send.fields, names); });
  for (const std::string& name : names) {
    if (std::getenv(name.c_str()) == nullptr) setenv(name.c_str(), sandbox_value(name).c_str(), 0);
  }
}

}  // namespace flowc::sandbox
