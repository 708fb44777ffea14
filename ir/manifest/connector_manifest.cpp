#include "ir/manifest/connector_manifest.hpp"

namespace flowc::manifest {
namespace {

// As the flow grammar's filter_number: digits, optionally signed, with optional decimals.
bool is_number(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view decimals = dot == std::string_view::npos ? "0" : text.substr(dot + 1);
  auto digits = [](std::string_view part) {
    return !part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return digits(whole) && digits(decimals);
}

// `replace(".", "_")`: a filter with its arguments, strings quoted.
std::string written_filter(const ir::Filter& filter) {
  if (filter.args.empty()) return filter.name;
  std::string out = filter.name + "(";
  for (std::size_t i = 0; i < filter.args.size(); ++i) {
    const std::string& arg = filter.args[i];
    out += (i == 0 ? "" : ", ") + (is_number(arg) ? arg : "\"" + arg + "\"");
  }
  return out + ")";
}

}  // namespace

std::string Template::written() const {
  std::string out;
  for (const TemplatePiece& piece : pieces) {
    if (!piece.is_ref) {
      out += piece.text;
      continue;
    }
    out += "{{";
    for (std::size_t i = 0; i < piece.ref.size(); ++i) out += (i == 0 ? "" : ".") + piece.ref[i];
    for (const ir::Filter& filter : piece.filters) out += " | " + written_filter(filter);
    out += "}}";
  }
  return out;
}

const Example* ActionManifest::find_example(std::string_view wanted) const {
  for (const Example& example : examples) {
    if (example.name == wanted) return &example;
  }
  return nullptr;
}

const ActionManifest* ConnectorManifest::find_action(std::string_view name) const {
  for (const ActionManifest& action : actions) {
    if (action.name == name) return &action;
  }
  return nullptr;
}

std::string_view auth_kind_name(AuthKind kind) {
  switch (kind) {
    case AuthKind::Header: return "header";
    case AuthKind::Query: return "query";
    case AuthKind::Bearer: return "bearer";
    case AuthKind::Basic: return "basic";
    case AuthKind::PathToken: return "path_token";
    case AuthKind::OAuth2ClientCredentials: return "oauth2_client_credentials";
    case AuthKind::OAuth2Refresh: return "oauth2_refresh";
    case AuthKind::GoogleServiceAccount: return "google_service_account";
  }
  return "header";
}

std::string_view placement_name(Placement placement) {
  switch (placement) {
    case Placement::Body: return "body";
    case Placement::Query: return "query";
    case Placement::Header: return "header";
    case Placement::None: return "none";
    case Placement::RawBody: return "raw_body";
    case Placement::ContentType: return "content_type";
    case Placement::Method: return "method";
    case Placement::Url: return "url";
  }
  return "body";
}

std::string_view pagination_kind_name(PaginationKind kind) {
  switch (kind) {
    case PaginationKind::None: return "none";
    case PaginationKind::Page: return "page";
    case PaginationKind::Offset: return "offset";
    case PaginationKind::Cursor: return "cursor";
    case PaginationKind::LinkHeader: return "link_header";
    case PaginationKind::RowWindow: return "row_window";
  }
  return "none";
}

}  // namespace flowc::manifest
