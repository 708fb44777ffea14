#include "runtime/manifest_engine/engine_request.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <exception>

#include "base/text/percent_encode.hpp"
#include "runtime/connector_kit/base64.hpp"
#include "runtime/connector_kit/headers.hpp"
#include "runtime/connector_kit/url.hpp"
#include "runtime/eval/template_render.hpp"
#include "runtime/json_util.hpp"
#include "runtime/manifest_engine/auth/access_tokens.hpp"

namespace flowc::runtime::manifest_engine {

namespace {

using connectors::put_header;
using connectors::put_headers;
using manifest::AuthKind;

std::string dotted(const std::vector<std::string>& ref, std::size_t from) {
  std::string name;
  for (std::size_t i = from; i < ref.size(); ++i) {
    if (i > from) name += '.';
    name += ref[i];
  }
  return name;
}

// The text a reference stands for; empty when it has none.
std::string ref_text(const manifest::TemplatePiece& piece, const TemplateValues& values) {
  const auto& ref = piece.ref;
  if (ref.empty()) return {};
  if (ref[0] == "account" && values.account != nullptr) return values.account->get(dotted(ref, 1));
  if (ref[0] == "found") return values.found_id ? std::string(*values.found_id) : std::string();
  if (ref[0] == "lookup" && ref.size() == 1) return std::string(values.lookup);
  if (ref[0] == "page" && ref.size() == 2 && ref[1] == "range") return std::string(values.page_range);
  if (ref[0] == "cursor" && ref.size() == 1) return std::string(values.cursor);
  if (values.fields == nullptr) return {};
  return connectors::text_or(connectors::member_path(*values.fields, dotted(ref, 0)));
}

// The account field an auth block reads, as text ("" when unset).
std::string_view auth_value(const manifest::Auth& auth, const AccountConfig& account) {
  return account.text(auth.value);
}

void add_account_field_headers(const manifest::ConnectorManifest& connector, const AccountConfig& account,
                               Headers& headers) {
  for (const auto& route : connector.account_routes) {
    if (route.in != manifest::Placement::Header) continue;
    if (route.field.ends_with(".*")) {
      if (account.settings == nullptr) continue;
      put_headers(headers, connectors::member_path(*account.settings, route.field.substr(0, route.field.size() - 2)));
    } else if (std::string value = account.get(route.field); !value.empty()) {
      put_header(headers, route.to.empty() ? route.field : route.to, std::move(value));
    }
  }
}

void add_auth_headers(const manifest::ConnectorManifest& connector, const AccountConfig& account, Headers& headers) {
  const manifest::Auth* auth = active_auth(connector, account);
  if (auth == nullptr) return;
  const std::string value(auth_value(*auth, account));
  switch (auth->kind) {
    case AuthKind::Header: put_header(headers, auth->name, auth->prefix + value); break;
    case AuthKind::Bearer: put_header(headers, "Authorization", "Bearer " + value); break;
    case AuthKind::Basic:
      put_header(headers, "Authorization",
                 "Basic " + connectors::base64_encode(value + ":" + account.get(auth->password)));
      break;
    default: break;  // in the URL (query, path token) or not performed yet
  }
}

void add_static_headers(const manifest::ConnectorManifest& connector, const AccountConfig& account, Headers& headers) {
  const TemplateValues values{nullptr, &account, std::nullopt, {}, {}, {}};
  for (const auto& header : connector.headers) {
    std::string value;
    (void)render(header.value, values, false, value);  // account fields only: no filter can fail on a field
    put_header(headers, header.name, std::move(value));
  }
}

}  // namespace

const manifest::Auth* active_auth(const manifest::ConnectorManifest& connector, const AccountConfig& account) {
  for (const auto& auth : connector.auth) {
    // A refresh grant is the one to use when there is a refresh token; its client id may be unset.
    const std::string& chosen_by = auth.kind == AuthKind::OAuth2Refresh ? auth.refresh_token : auth.value;
    if (!account.text(chosen_by).empty()) return &auth;
  }
  return nullptr;
}

std::optional<std::string> render(const manifest::Template& text, const TemplateValues& values, bool encode,
                                  std::string& out) {
  return render(std::span(text.pieces), values, encode, out);
}

std::optional<std::string> render(std::span<const manifest::TemplatePiece> pieces, const TemplateValues& values,
                                  bool encode, std::string& out) {
  for (const auto& piece : pieces) {
    if (!piece.is_ref) {
      out += piece.text;
      continue;
    }
    std::string value = ref_text(piece, values);
    try {
      for (const auto& filter : piece.filters) value = apply_filter(filter, std::move(value));
    } catch (const std::exception& error) {
      return std::string(error.what());
    }
    if (encode) {
      append_percent_encoded(out, value);
    } else {
      out += value;
    }
  }
  return std::nullopt;
}

namespace {

// base_url (the account's or the manifest's) with base_path and a path_token auth's `PREFIX<token>`.
std::string url_prefix(const manifest::ConnectorManifest& connector, const AccountConfig& account) {
  std::string_view base = account.text("base_url", connector.base_url);
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  std::string prefix(base);
  if (!connector.base_path.empty() && !base.ends_with(connector.base_path)) prefix += connector.base_path;
  if (const manifest::Auth* auth = active_auth(connector, account); auth && auth->kind == AuthKind::PathToken) {
    prefix += '/';
    prefix += auth->prefix;
    prefix += auth_value(*auth, account);
  }
  return prefix;
}

// A required account field left empty, as every send of the account reports it; else "".
std::string account_problem(const manifest::ConnectorManifest& connector, const AccountConfig& account) {
  for (const auto& field : connector.spec.account_fields) {
    if (field.required && account.text(field.name).empty() && account.get(field.name).empty())
      return fmt::format("{} account \"{}\" has no {}", connector.spec.name, account.name, field.name);
  }
  const auto& one_of = connector.spec.account_needs_one_of;
  if (!one_of.empty() && std::ranges::all_of(one_of, [&](const std::string& name) { return account.get(name).empty(); }))
    return fmt::format("{} account \"{}\" needs one of {}", connector.spec.name, account.name, fmt::join(one_of, ", "));
  return {};
}

}  // namespace

const AccountConfig::Prepared& prepared_account(const manifest::ConnectorManifest& connector,
                                                const AccountConfig& account) {
  if (!account.prepared) {
    const manifest::Auth* auth = active_auth(connector, account);
    account.prepared = AccountConfig::Prepared{url_prefix(connector, account), account_problem(connector, account),
                                               auth != nullptr && fetches_token(*auth) ? auth : nullptr};
  }
  return *account.prepared;
}

void append_url(std::string& out, const manifest::ConnectorManifest& connector, const AccountConfig& account,
                std::string_view path) {
  const std::string& prefix = prepared_account(connector, account).url_prefix;
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  out.reserve(out.size() + prefix.size() + 1 + path.size());
  out += prefix;
  if (path.empty()) return;
  out += '/';
  out += path;
}

bool has_base_url(const manifest::ConnectorManifest& connector, const AccountConfig& account) {
  return !account.text("base_url", connector.base_url).empty();
}

std::string auth_query(const manifest::ConnectorManifest& connector, const AccountConfig& account) {
  const manifest::Auth* auth = active_auth(connector, account);
  if (auth == nullptr || auth->kind != AuthKind::Query) return {};
  return connectors::form_encode({{auth->name, std::string(auth_value(*auth, account))}});
}

const std::shared_ptr<const Headers>& account_headers(const manifest::ConnectorManifest& connector,
                                                      const AccountConfig& account) {
  if (!account.shared_headers) {
    Headers headers;
    for (manifest::HeaderSource source : connector.header_order) {
      switch (source) {
        case manifest::HeaderSource::AccountFields: add_account_field_headers(connector, account, headers); break;
        case manifest::HeaderSource::Auth: add_auth_headers(connector, account, headers); break;
        case manifest::HeaderSource::Static: add_static_headers(connector, account, headers); break;
      }
    }
    account.shared_headers = std::make_shared<const Headers>(std::move(headers));
  }
  return account.shared_headers;
}

}  // namespace flowc::runtime::manifest_engine
