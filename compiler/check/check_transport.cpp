// Transport safety of accounts: turning TLS verification off, and secrets that would cross the
// network in clear text. Both are warnings, not errors: a test server may need either, but a
// reviewer should see the choice in `flowc check` output.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/check/check_context.hpp"

namespace flowc::check {
namespace {

const ast::Field* find_field(const ast::Account& account, std::string_view name) {
  for (const ast::Field& field : account.fields) {
    if (field.dotted() == name) return &field;
  }
  return nullptr;
}

// The host of an http:// URL (without port or brackets); nullopt for any other scheme.
std::optional<std::string> plain_http_host(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.size() < kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), url.begin(), [](char a, char b) { return a == std::tolower(b); })) {
    return std::nullopt;
  }
  std::string_view rest = url.substr(kScheme.size());
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (rest.starts_with('[')) return std::string(rest.substr(1, rest.find(']') - 1));
  return std::string(rest.substr(0, rest.find(':')));
}

bool is_loopback(std::string_view host) {
  return host == "localhost" || host.ends_with(".localhost") || host.starts_with("127.") || host == "::1";
}

}  // namespace

void check_transport(Context& ctx, const ast::Account& account, const catalog::ConnectorSpec& connector) {
  if (const ast::Field* insecure = find_field(account, "insecure_tls");
      insecure != nullptr && insecure->value.kind == ast::Value::Kind::Bool && insecure->value.boolean) {
    ctx.warning(codes::kInsecureTls, insecure->span,
                fmt::format("account `{}` does not verify TLS certificates", account.name.text),
                "anyone on the network path can read and change its requests; use only for test servers");
  }
  const ast::Field* base_url = find_field(account, "base_url");
  if (base_url == nullptr) return;
  const std::optional<std::string> url = plain_text(base_url->value);
  const std::optional<std::string> host = url ? plain_http_host(*url) : std::nullopt;
  if (!host || is_loopback(*host)) return;
  for (const ast::Field& field : account.fields) {
    const catalog::FieldSpec* spec = catalog::find_field(connector.account_fields, field.dotted());
    if (spec == nullptr || !spec->secret) continue;
    ctx.warning(codes::kSecretOverHttp, base_url->span,
                fmt::format("`{}` of account `{}` would travel in clear text to {}", field.dotted(),
                            account.name.text, *host),
                "use an https:// base_url");
    return;
  }
}

}  // namespace flowc::check
