#include "compiler/manifest/manifest_reader.hpp"

#include <fmt/format.h>

#include <array>

#include "compiler/manifest/manifest_parser.hpp"
#include "compiler/parse/literal_values.hpp"
#include "compiler/manifest/read_action.hpp"
#include "compiler/manifest/read_response.hpp"

namespace flowc::manifest {
namespace {

using namespace codes;

constexpr std::array<std::string_view, 8> kAuthKinds{
    "header", "query", "bearer", "basic", "path_token", "oauth2_client_credentials", "oauth2_refresh",
    "google_service_account"};
constexpr std::array<std::string_view, 2> kClientAuth{"body", "basic"};

// `rate_limit = 2/s`: the service's documented limit.
std::optional<RateLimit> read_rate_limit(BlockReader& reader) {
  const ast::Field* found = reader.field("rate_limit");
  if (found == nullptr) return std::nullopt;
  const std::optional<double> count =
      found->value.kind == ast::Value::Kind::Rate ? parse_number(found->value.number_text) : std::nullopt;
  if (!count || *count < 1 || *count > kMaxRateCount) {
    reader.problems().error(kWrongType, found->value.span, "`rate_limit` is a rate such as 2/s or 100/min",
                            "the service's documented limit: at most this many requests per second, minute or hour");
    return std::nullopt;
  }
  return RateLimit{static_cast<std::int64_t>(*count), unit_millis(found->value.unit)};
}

std::string rate_text(const ast::Field* rate) {
  if (rate == nullptr) return {};
  constexpr std::string_view kUnits[] = {"s", "min", "h", "d", "ms"};
  return fmt::format("{}/{}", rate->value.number_text, kUnits[static_cast<std::size_t>(rate->value.unit)]);
}

// The account fields every HTTP connector takes, worded as the catalog words them.
void add_http_account_fields(FieldList& account, const std::string& default_text, const std::string& default_rate,
                             Problems& problems) {
  auto add = [&](std::string name, catalog::FieldType type, std::string description) {
    catalog::FieldSpec spec;
    spec.name = std::move(name);
    spec.type = type;
    spec.description = std::move(description);
    FieldRoute route{spec.name, Placement::None, {}, FieldShape::AsIs, std::nullopt, {}};
    add_field(account, std::move(spec), std::move(route), Span{}, problems, "the account");
  };
  add("base_url", catalog::FieldType::String, "API base URL (default " + default_text + ").");
  add("rate_limit", catalog::FieldType::Rate,
      default_rate.empty() ? std::string("At most this many requests per period, e.g. 5/s.")
                           : "At most this many requests per period (default " + default_rate +
                                 ", the service's documented limit).");
  add("insecure_tls", catalog::FieldType::Bool,
      "Skip TLS certificate verification (default false; only for test servers, warns W005).");
}

// An auth setting naming an account field; secrets must be marked so (never a literal in a flow).
std::string account_field(BlockReader& reader, std::string_view key, const FieldList& account, bool secret,
                          Need need = Need::Required) {
  std::string name = reader.text(key, need).value_or("");
  if (name.empty()) return name;
  const ast::Field* setting = reader.field(key);
  const catalog::FieldSpec* spec = catalog::find_field(account.specs, name);
  if (spec == nullptr) {
    reader.problems().error(kUnknownName, setting->value.span, fmt::format("the account has no field `{}`", name),
                            field_suggestion(account, name));
  } else if (secret && !spec->secret) {
    reader.problems().error(kSecretNotMarked, setting->value.span,
                            fmt::format("`{}` carries a credential but account field `{}` is not `secret = true`", key,
                                        name),
                            "mark it secret so a flow must take it from `env.NAME`, never write it in the file");
  }
  return name;
}

Auth read_auth(const TreeBlock& block, Problems& problems, const FieldList& account) {
  BlockReader reader(block, problems, block.labels.empty() ? "the auth" : fmt::format("`auth {}`", block.labels[0].text));
  Auth auth;
  auth.span = block.span;
  const auto kind = labels(reader, 1, "its kind, as in `auth bearer {`");
  const std::string name = kind ? (*kind)[0].text : "";
  const auto* found = std::find(kAuthKinds.begin(), kAuthKinds.end(), name);
  if (kind && found == kAuthKinds.end()) {
    problems.error(kBadChoice, (*kind)[0].span, fmt::format("`{}` is not a kind of auth", name),
                   fmt::format("one of: {}", fmt::join(kAuthKinds, ", ")));
  }
  if (found == kAuthKinds.end()) return auth;  // its settings depend on the kind: nothing more to say
  auth.kind = static_cast<AuthKind>(found - kAuthKinds.begin());
  switch (auth.kind) {
    case AuthKind::Header:
    case AuthKind::Query:
      auth.name = reader.text("name", Need::Required).value_or("");
      auth.value = account_field(reader, "value", account, true);
      auth.prefix = reader.text("prefix").value_or("");
      break;
    case AuthKind::Bearer: auth.value = account_field(reader, "token", account, true); break;
    case AuthKind::PathToken:
      auth.value = account_field(reader, "token", account, true);
      auth.prefix = reader.text("prefix").value_or("");
      break;
    case AuthKind::Basic:
      auth.value = account_field(reader, "username", account, false);
      auth.password = account_field(reader, "password", account, true);
      break;
    case AuthKind::OAuth2Refresh:
      auth.refresh_token = account_field(reader, "refresh_token", account, true);
      [[fallthrough]];
    case AuthKind::OAuth2ClientCredentials:
      auth.value = account_field(reader, "client_id", account, false);
      auth.password = account_field(reader, "client_secret", account, true);
      auth.token_url = reader.text("token_url", Need::Required).value_or("");
      auth.token_url_field = account_field(reader, "token_url_field", account, false, Need::Optional);
      auth.scope = reader.text("scope").value_or("");
      if (auto sent = reader.choice("client_auth", kClientAuth)) auth.client_basic = *sent == "basic";
      break;
    case AuthKind::GoogleServiceAccount:
      auth.value = account_field(reader, "key_file", account, false);
      auth.token_url_field = account_field(reader, "token_url_field", account, false, Need::Optional);
      auth.scope = reader.text("scope", Need::Required).value_or("");
      break;
  }
  reader.finish();
  return auth;
}

// `headers { Accept = "application/json" }`; a value may use `{{account.NAME}}`, nothing else.
std::vector<Header> read_headers(const TreeBlock* block, Problems& problems, const FieldList& account) {
  std::vector<Header> headers;
  if (block == nullptr) return headers;
  BlockReader reader = unnamed_block(*block, problems, "the headers");
  for (const ast::Field& entry : block->fields) {
    std::optional<Template> value = reader.templated(entry.dotted());
    if (!value) continue;
    for (const TemplatePiece& piece : value->pieces) {
      if (!piece.is_ref) continue;
      const std::string name = piece.ref.size() == 2 && piece.ref[0] == "account" ? piece.ref[1] : std::string();
      if (!name.empty() && catalog::find_field(account.specs, name) != nullptr) continue;
      problems.error(kUnknownName, piece.span, "a header sent with every request can use only `{{account.NAME}}`",
                     name.empty() ? std::string() : field_suggestion(account, name));
    }
    headers.push_back(Header{entry.dotted(), std::move(*value), entry.span});
  }
  reader.finish();
  return headers;
}

// Every auth that fetches a token reads its endpoint from an account field, `token_url` unless
// the manifest names another, so the sandbox and tests can point it at a stand-in and no secret
// ever goes to the real endpoint from them.
void give_token_url_fields(std::vector<Auth>& auths, FieldList& account, Problems& problems) {
  for (Auth& auth : auths) {
    const bool fetches = auth.kind == AuthKind::OAuth2ClientCredentials || auth.kind == AuthKind::OAuth2Refresh ||
                         auth.kind == AuthKind::GoogleServiceAccount;
    if (!fetches || !auth.token_url_field.empty()) continue;
    auth.token_url_field = "token_url";
    if (catalog::find_field(account.specs, "token_url") != nullptr) continue;
    catalog::FieldSpec spec;
    spec.name = "token_url";
    spec.description = auth.token_url.empty() ? "OAuth token endpoint (default: the key file's token_uri)."
                                              : "OAuth token endpoint (default " + auth.token_url + ").";
    FieldRoute route{spec.name, Placement::None, {}, FieldShape::AsIs, std::nullopt, {}};
    add_field(account, std::move(spec), std::move(route), Span{}, problems, "the account");
  }
}

// Headers are sent in the order the manifest declares the account, the auth and the headers.
std::vector<HeaderSource> header_order(const TreeBlock& connector) {
  std::vector<HeaderSource> order;
  for (const auto& [is_block, index] : connector.order) {
    if (!is_block) continue;
    const std::string& keyword = connector.blocks[index].keyword.text;
    const auto source = keyword == "account" ? std::optional(HeaderSource::AccountFields)
                        : keyword == "auth"  ? std::optional(HeaderSource::Auth)
                        : keyword == "headers" ? std::optional(HeaderSource::Static)
                                               : std::nullopt;
    if (source && std::find(order.begin(), order.end(), *source) == order.end()) order.push_back(*source);
  }
  return order;
}

FieldList read_account(BlockReader& connector, const std::string& default_text, bool http,
                       std::vector<std::string>& needs_one_of) {
  const TreeBlock* block = connector.block("account");
  FieldList account;
  if (block != nullptr) {
    BlockReader reader = unnamed_block(*block, connector.problems(), "the account");
    account = read_fields(reader, nullptr, Placement::None);
    needs_one_of = reader.names("needs_one_of");
    for (const std::string& name : needs_one_of) {
      if (catalog::find_field(account.specs, name) == nullptr)
        connector.problems().error(kUnknownName, reader.field("needs_one_of")->value.span,
                                   fmt::format("`needs_one_of` names `{}`, which is not an account field", name),
                                   field_suggestion(account, name));
    }
    reader.finish();
  }
  if (http) add_http_account_fields(account, default_text, rate_text(connector.field("rate_limit")), connector.problems());
  return account;
}

void read_connector(const TreeBlock& block, Problems& problems, ConnectorManifest& manifest) {
  BlockReader reader(block, problems, "the connector");
  const auto name = labels(reader, 1, "the connector's name, as in `connector keepincrm {`");
  catalog::ConnectorSpec& spec = manifest.spec;
  manifest.span = block.span;
  if (name) spec.name = (*name)[0].text;
  spec.description = reader.text("description", Need::Required).value_or("");
  manifest.title = reader.text("title").value_or(spec.name);
  const ast::Field* base = reader.field("base_url");
  const std::optional<std::string> base_url = reader.text("base_url");
  manifest.base_path = reader.text("base_path").value_or("");
  const bool none = base != nullptr && base->value.kind == ast::Value::Kind::Reference && base_url == "none";
  manifest.base_url = none ? "" : base_url.value_or("");
  std::string default_text = none ? "none: urls must then be absolute" : manifest.base_url;
  if (!manifest.base_path.empty() && !none) default_text += manifest.base_path;

  manifest.rate_limit = read_rate_limit(reader);
  FieldList account = read_account(reader, default_text, base != nullptr, spec.account_needs_one_of);
  for (const TreeBlock* auth : reader.blocks("auth")) manifest.auth.push_back(read_auth(*auth, problems, account));
  give_token_url_fields(manifest.auth, account, problems);
  manifest.headers = read_headers(reader.block("headers"), problems, account);
  manifest.header_order = header_order(block);
  manifest.retry = read_retry(reader.block("retry"), problems);

  const FieldGroups groups = read_field_groups(reader);
  const ActionScope scope{account, groups};
  for (const TreeBlock* action_block : reader.blocks("action")) {
    auto read = read_action(*action_block, problems, scope);
    if (!read) continue;
    if (catalog::find_action(spec, read->first.name) != nullptr) {
      problems.error(kDuplicate, action_block->labels.front().span,
                     fmt::format("action `{}` is declared twice", read->first.name));
      continue;
    }
    spec.actions.push_back(std::move(read->first));
    manifest.actions.push_back(std::move(read->second));
  }
  if (spec.actions.empty()) reader.block("action", Need::Required);
  reader.finish();
  spec.account_fields = std::move(account.specs);
  manifest.account_routes = std::move(account.routes);
}

}  // namespace

ManifestResult read_manifest(std::string path, std::string text) {
  ManifestResult result{SourceFile(std::move(path), std::move(text)), {}, std::nullopt};
  Problems problems(result.diagnostics);
  std::optional<TreeBlock> tree = parse_manifest_tree(result.source, result.diagnostics);
  if (!tree) return result;
  BlockReader top(*tree, problems, "the manifest");
  const std::vector<const TreeBlock*> connectors = top.blocks("connector");
  top.finish();
  if (connectors.size() != 1) {
    const Span at = connectors.empty() ? Span{0, 1, 1, 1} : connectors[1]->keyword.span;
    problems.error(kConnectorBlock, result.source.span_at(at.offset, at.length),
                   connectors.empty() ? "the manifest has no `connector NAME { ... }` block"
                                      : "the manifest has a second `connector` block",
                   "one file describes one connector");
  }
  ConnectorManifest manifest;
  if (!connectors.empty()) read_connector(*connectors.front(), problems, manifest);
  result.diagnostics.sort_by_position();
  if (!result.diagnostics.has_errors()) result.manifest = std::move(manifest);
  return result;
}

}  // namespace flowc::manifest
