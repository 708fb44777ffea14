// A connector described as data (docs/connector-format.md): what a `.connector` manifest says, read
// by compiler/manifest/. The catalog part is catalog::ConnectorSpec itself: an HTTP connector's
// catalog entry is read from its manifest (ir/manifest/connector_catalog.hpp). The rest describes
// the HTTP exchange the generic engine will perform: auth, each action's request, response rules,
// retries, pagination, the incremental cursor and the sandbox's example answers. Spans point into the manifest, so the
// checker and the engine can cite the line that decided a behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/catalog.hpp"
#include "ir/ir.hpp"
#include "ir/source.hpp"

namespace flowc::manifest {

// `"agreements/{{id}}"`: literal text and references (`id`, `account.api_key`, `found.id`).
struct TemplatePiece {
  bool is_ref = false;
  std::string text;                // literal text when !is_ref
  std::vector<std::string> ref;    // the dotted reference, split
  std::vector<ir::Filter> filters;  // applied left to right
  Span span;
};

struct Template {
  std::vector<TemplatePiece> pieces;
  Span span;
  bool empty() const { return pieces.empty(); }
  // The template as it would be written, `{{ }}` included (docs, tests, messages).
  std::string written() const;
};

// An HTTP status or a class of them: 404, or "5xx" (first = 500, last = 599).
struct StatusRange {
  int first = 0;
  int last = 0;
  bool contains(int status) const { return status >= first && status <= last; }
  friend bool operator==(const StatusRange&, const StatusRange&) = default;
};

enum class AuthKind {
  Header,                   // a header carries an account field (`X-Auth-Token: <api_key>`)
  Query,                    // a query parameter carries it (`&key=<api_key>`)
  Bearer,                   // Authorization: Bearer <token>
  Basic,                    // Authorization: Basic base64(user:password)
  PathToken,                // the token is part of every path (`/bot<token>/sendMessage`)
  OAuth2ClientCredentials,  // token fetched with client id + secret, cached, refreshed
  OAuth2Refresh,            // token fetched with a refresh token, cached, refreshed
  GoogleServiceAccount,     // named built-in: RS256 JWT from a key file exchanged for a token
};

// One way to authenticate. A connector may list several: the first whose account field (`value`;
// `refresh_token` for OAuth2Refresh) is set is used, so `google_sheets` tries its service account,
// then a token, then an API key.
struct Auth {
  AuthKind kind = AuthKind::Header;
  std::string value;          // account field: the key, token, user name, key file or client id
  std::string name;           // Header, Query: the header or parameter name
  std::string prefix;         // Header: text before the value; PathToken: path text before the token
  std::string password;       // Basic: account field; OAuth2: the client secret's account field
  std::string refresh_token;  // OAuth2Refresh: account field
  std::string token_url;      // OAuth2, GoogleServiceAccount: the token endpoint (default)
  std::string token_url_field;  // account field that overrides token_url when set
  std::string scope;          // OAuth2, GoogleServiceAccount
  bool client_basic = false;  // OAuth2: the client's id and secret as HTTP Basic, not in the form
  Span span;
};

// Where the request headers come from, in the order the manifest declares them (see the doc).
enum class HeaderSource { AccountFields, Auth, Static };

struct Header {
  std::string name;
  Template value;
  Span span;
};

// Where a field's value goes in the request.
enum class Placement {
  Body,         // a member of the JSON (or form) body, at `to` (default: the field's dotted name)
  Query,        // a query parameter named `to`
  Header,       // a header named `to`; a wildcard `headers.*` sends each member under its own name
  None,         // not sent as such: read by a step (find_by, on_many), a path template or a split
  RawBody,      // the whole body as text
  ContentType,  // the Content-Type of a raw body
  Method,       // the HTTP method
  Url,          // the URL, absolute or relative to base_url
};

// How a field's value is written at `to`: a wildcard's members, or a list as one row.
enum class FieldShape {
  AsIs,       // an object of the members
  NameValue,  // a list of {"name": NAME, "value": VALUE} (KeepinCRM's custom_fields)
  OneRow,     // a list field sent as a list holding that one list (Google Sheets' `values`: [[a, b]])
};

// The HTTP side of one field of an action or account; the catalog side is its catalog::FieldSpec.
struct FieldRoute {
  std::string field;  // the FieldSpec's name
  Placement in = Placement::Body;
  std::string to;     // JSON path, parameter or header name; empty = the field's own name
  FieldShape shape = FieldShape::AsIs;
  std::optional<std::string> default_value;  // sent when the flow does not set the field
  Span span;
};

struct QueryParam {
  Template name;
  Template value;
  Span span;
};

enum class BodyKind { None, Json, Form, Multipart, Raw };

struct Request {
  std::string method;            // GET, POST, ...; empty when a field chooses it (`in = method`)
  std::string method_with_body;  // with `method = auto`: the method when there is a body (POST)
  Template path;                 // relative to base_url; empty when a field holds the URL
  std::vector<QueryParam> query;
  BodyKind body = BodyKind::None;
  // Body members in this order (field names); empty = in the order the flow writes the fields.
  std::vector<std::string> body_order;
  Span span;
};

// A search before the request (KeepinCRM's update_order): finds one record and exposes its id as
// `found.id` to the request's templates.
struct Lookup {
  std::string by_field;      // the field naming what to search by (`find_by`)
  std::string direct;        // when `by_field` names this field, its value is the id: no search
  std::string method = "GET";
  Template path;
  Template param;            // the query parameter the searched value is sent as
  std::vector<QueryParam> query;
  std::string records;       // path of the list of matches; the body itself when it is a list
  std::vector<std::string> total;  // paths of a total count, tried in order, when larger than the list
  std::string many_field;    // the field choosing `first` or `fail` when several match
  std::string id = "id";     // path of the id inside a match
  Template not_found;        // the error text when nothing matches
  // What a match is called in messages: "2 orders with title = \"x\"", "the order found with ...".
  std::string noun = "record";
  Span span;
};

// A text too long for one message is sent in parts (Telegram's 4096 UTF-16 units).
struct SplitText {
  std::string field;         // the text field
  std::int64_t limit = 0;
  std::string unit = "utf16";  // how `limit` counts: utf16 or bytes
  std::string mode_field;    // the field choosing `split` or `truncate`
  // A response field that lists every part's value of `collect_from` (Telegram's message_ids).
  std::string collect;
  std::string collect_from;
  Span span;
};

// A JSON member the success rule compares: `body.ok = true`.
struct BodyCheck {
  std::string path;
  std::string value;  // JSON text of the expected scalar: true, false, 0, "text"
  Span span;
};

struct SuccessRule {
  std::vector<StatusRange> statuses;  // default 2xx
  std::vector<BodyCheck> equals;
  std::vector<std::string> present;   // paths that must be there (result.message_id)
  std::vector<std::string> absent;    // paths that must not be there (Bitrix24's error)
  Span span;
};

enum class JsonNeed { Required, Optional };

// `NAME.<name>` reads `path` of the response.
struct ResponseField {
  std::string name;
  std::string path;
  Span span;
};

struct ResponseRules {
  SuccessRule success;
  // Where the error text is, tried in order; empty = the standard rule (message with errors,
  // error.message, error_description, description, error; else the start of the body).
  std::vector<std::string> error_paths;
  std::string status_path;    // a body member that replaces the HTTP status in NAME.status (error_code)
  // The error of a 2xx that breaks a body rule and names no error itself; empty = "<title> did not
  // confirm the request".
  std::string unconfirmed;
  JsonNeed json = JsonNeed::Required;
  std::string json_field;     // a field whose value `json` makes JSON required (http's `expect`)
  std::vector<StatusRange> not_found_statuses;  // answered with `not_found` of the lookup
  std::vector<ResponseField> fields;  // besides catalog::ActionSpec::response_fields, their paths
  // Sources: what a failed page is, after the connector's title ("could not read {{page.range}}");
  // empty = "<action> failed".
  Template failure;
  std::string records;        // sources, tables: the list of records
  bool rows_with_header = false;  // records are arrays whose first one names the columns
  Span span;
};

enum class PaginationKind {
  None,
  Page,       // page=1,2,3...
  Offset,     // offset=0,N,2N...
  Cursor,     // the next cursor is a body member
  LinkHeader,  // RFC 8288 rel="next"
  RowWindow,  // named built-in: Google's A1 row windows (`'Sheet'!A1:Z1000`, then 1001..2000)
};

struct StopRule {
  bool short_page = true;                 // fewer records than asked
  std::vector<StatusRange> statuses;      // an answer with one of these ends the listing ...
  std::string body_contains;              // ... when its body contains this text
  bool not_first_page = false;            // ... except on the first page
  std::string total_path;                 // a total count reached
  Span span;
};

struct Pagination {
  PaginationKind kind = PaginationKind::None;
  std::string param;        // Page/Offset/Cursor: the query parameter
  std::string size_param;   // the page-size parameter, when the API takes one
  std::int64_t size = 0;    // page size
  std::string size_field;   // a source field that overrides `size` (chunk_rows)
  std::int64_t min_size = 1;
  std::int64_t start = 0;   // first page number or offset
  std::string cursor_path;  // Cursor: where the next cursor is
  std::string range_field;  // RowWindow: the source field with an A1 range (`range`)
  std::string sheet_field;  // RowWindow: the source field with the sheet name
  StopRule stop;
  Span span;
};

// Which records are new: the largest value of `record_field` seen is kept in state and sent as
// `param` on the next poll.
struct IncrementalCursor {
  std::string record_field;
  std::string param;
  Template value;  // how the kept value is written; default `{{cursor}}`
  Span span;
};

// An answer the sandbox and `flowc test` serve by name.
struct Example {
  std::string name;
  int status = 200;
  std::string body;  // JSON text, checked when read
  Span span;
};

struct RetryRules {
  std::vector<StatusRange> statuses;       // transient answers; default 408, 429, 5xx
  std::vector<std::string> after_paths;    // Retry-After read from the body, tried in order
  std::string after_header = "Retry-After";
  Span span;
};

struct ActionManifest {
  std::string name;                // = spec.name
  std::vector<FieldRoute> routes;  // one per spec.fields entry, same order
  std::optional<Lookup> lookup;
  Request request;
  std::optional<SplitText> split;
  ResponseRules response;
  std::optional<Pagination> pagination;
  std::optional<IncrementalCursor> cursor;
  std::vector<Example> examples;
  Span span;

  const Example* find_example(std::string_view wanted) const;
};

// At most `count` requests per `millis`: a service's documented limit.
struct RateLimit {
  std::int64_t count = 0;
  std::int64_t millis = 0;
};

struct ConnectorManifest {
  catalog::ConnectorSpec spec;
  std::string title;      // the service's name in messages ("KeepinCRM did not ..."); default spec.name
  std::string base_url;   // default base URL; empty = none (URLs must then be absolute)
  std::string base_path;  // appended to base_url unless it already ends with it (Google's `/v4`)
  std::vector<FieldRoute> account_routes;  // one per spec.account_fields entry
  std::vector<Auth> auth;
  std::vector<Header> headers;
  std::vector<HeaderSource> header_order;
  RetryRules retry;
  // The service's documented limit, the account's `rate_limit` when its flow gives none.
  std::optional<RateLimit> rate_limit;
  std::vector<ActionManifest> actions;  // same order as spec.actions
  Span span;

  const ActionManifest* find_action(std::string_view name) const;
};

std::string_view auth_kind_name(AuthKind kind);
std::string_view placement_name(Placement placement);
std::string_view pagination_kind_name(PaginationKind kind);

}  // namespace flowc::manifest
