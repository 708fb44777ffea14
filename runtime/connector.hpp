// How connectors plug into the interpreter. A connector action turns one row's rendered field
// block into a short conversation of HTTP requests (a search then an update, several Telegram
// messages for a long text) and finally an outcome. The interpreter owns the event loop; an
// action never blocks, so many rows' sends can be in flight at once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "runtime/http/http.hpp"
#include "runtime/rows/row.hpp"

namespace flowc::manifest {
struct Auth;
}

namespace flowc::runtime {

// An account's settings for one run: literal fields as written and `env.X` fields read from the
// environment when the run first uses the account, kept in memory only until the run ends (never
// written anywhere). `settings` is a JSON object built from the
// account's field block (dotted names nested), e.g. {"api_key": "...", "base_url": "..."}.
struct AccountConfig {
  std::string name;       // the account's name in the flow
  std::string connector;  // catalog connector name
  const rapidjson::Value* settings = nullptr;
  RetryPolicy retry;      // from the flow's settings
  RateLimiter* limiter = nullptr;  // shared by every row of the account; may be null
  std::string flow_dir;   // the flow file's folder: relative file paths start there
  bool insecure_tls = false;  // `insecure_tls = true`: requests skip TLS verification
  bool dry_run = false;       // a dry run: no request goes out, a token fetch included
  // Headers that every request of the account carries alike (KeepinCRM's token with the JSON
  // headers), made by its connector at the account's first request and shared by the rest
  // (HttpRequest::common_headers) instead of being built for each. Null until then.
  mutable std::shared_ptr<const Headers> shared_headers;
  // What a connector described by a manifest works out at the account's first request and reuses
  // for the rest: the URL every path starts with (base URL, base path, a token in the path) and
  // the failure every send of the account has (a required account field left empty), and the auth
  // whose token its requests fetch.
  struct Prepared {
    std::string url_prefix;
    std::string problem;
    const manifest::Auth* token_auth = nullptr;  // the auth in use when it fetches a token
  };
  mutable std::optional<Prepared> prepared;

  // A setting as text (numbers as written), or `fallback` when absent or empty.
  std::string get(std::string_view key, std::string_view fallback = {}) const;
  // A string setting in place, or `fallback` when absent, empty or not a string. The catalog types
  // URLs, keys and tokens as strings, so connectors read those through this without copying.
  std::string_view text(std::string_view key, std::string_view fallback = {}) const;
};

// What a send yields: NAME.result / NAME.errors / NAME.status and the response fields.
struct SendOutcome {
  bool success = false;
  std::string errors;            // the service's own message on failure; empty on success
  int status = 0;                // last HTTP (or SMTP) status; 0 when none
  rapidjson::Document response;  // fields a later step reads as NAME.<field>; an object or null
  // A success whose body is not JSON (kept as the field `body`): what it was ("not JSON (HTTP 200,
  // ...): <html>..."), for the row error of a step that reads any other field of it. Empty for
  // JSON, empty bodies and failures.
  std::string not_json;
};

// The next move of an exchange: send `request`, or finish with `outcome`.
struct ExchangeStep {
  std::optional<HttpRequest> request;
  std::optional<SendOutcome> outcome;
  RetryAdvice advice;  // optional connector-specific retry rule for `request`
  std::string note;    // for --dry-run: what would happen after this request ("then PATCH the match")

  static ExchangeStep send(HttpRequest request, RetryAdvice advice = {}, std::string note = {});
  static ExchangeStep finish(SendOutcome outcome);
  static ExchangeStep fail(std::string errors, int status = 0);
};

// One send of one row.
class Exchange {
 public:
  virtual ~Exchange() = default;
  virtual ExchangeStep start() = 0;
  // The final answer (after the HTTP client's retries) to the last request.
  virtual ExchangeStep on_response(const HttpResponse& response) = 0;
};

// A send action of the catalog (`keepincrm.update_order`), stateless and shared by all rows.
class SendAction {
 public:
  virtual ~SendAction() = default;
  // `fields` is the send's rendered field block as a JSON object (dotted names nested, values
  // typed by the catalog); it lasts only for this call. `account` outlives the exchange (the
  // interpreter keeps it until the run ends), so an exchange may keep views of its settings.
  // Throws nothing: problems become a failed outcome.
  virtual std::unique_ptr<Exchange> begin(const rapidjson::Value& fields, const AccountConfig& account) const = 0;
  // False for actions that act locally (append to a file) instead of sending requests: a dry
  // run must not start their exchange, since starting it is the action.
  virtual bool sends_requests() const { return true; }
};

// Values written in a flow, as text: a block's fields with a value fixed in the flow.
using WrittenFields = std::map<std::string, std::string>;

// What the header of a source's local file says.
struct SourceHeader {
  std::string file;                  // the file as resolved, for messages
  std::vector<std::string> columns;  // the names its header gives the columns, when it could be read
  std::string problem;               // why it could not be read, naming the file; empty when it was
};

// A source action (`google_sheets.new_rows`): opens a stream of rows.
class SourceAction {
 public:
  virtual ~SourceAction() = default;
  // Throws std::runtime_error (I/O, network, auth) with a clear message; never a secret in it.
  virtual std::unique_ptr<RowSource> open(const rapidjson::Value& fields, const AccountConfig& account,
                                          HttpClient& http) const = 0;
  // open() for a poll that starts at `position`, where an earlier poll's RowSource::position()
  // said the next one may start; nullopt: from the beginning. A source without positions ignores it.
  virtual std::unique_ptr<RowSource> open_from(const rapidjson::Value& fields, const AccountConfig& account,
                                               HttpClient& http, const std::optional<std::string>& /*position*/) const {
    return open(fields, account, http);
  }
  // For `flowc check`: the header of the source's local file, read as a run reads it, from the
  // values written in the flow (relative paths from `flow_dir`). Nullopt when the source has no
  // local file whose header names the columns, or when the values it needs are not written.
  virtual std::optional<SourceHeader> read_header(const WrittenFields& /*fields*/,
                                                  const WrittenFields& /*account_fields*/,
                                                  std::string_view /*flow_dir*/) const {
    return std::nullopt;
  }
};

// One action of a connector: its catalog name and the shared object that implements it (a
// function-local static of its connector, or an action its set owns).
template <typename Action>
struct NamedAction {
  std::string_view name;
  const Action* action = nullptr;
};

// Where a connector's sends go, for the tools that stand in for its service: a service over HTTP
// (base_url), a mail server (smtp_url), or files on the local disk (dir).
enum class Transport { Http, Smtp, LocalFiles };

// One connector as the runtime knows it: its catalog name and the actions it implements. Each
// connector's folder under connectors/ defines one; nothing outside that folder names it.
struct Connector {
  std::string_view name;
  std::span<const NamedAction<SendAction>> sends;
  std::span<const NamedAction<SourceAction>> sources;
  Transport transport = Transport::Http;
};

// The connectors a run may use, handed to it by whoever starts it (RunOptions::connectors): the
// runtime looks actions up here and never includes a connector or names a list of them. The
// connectors/ layer makes the built-in set (connectors/list.hpp).
class ConnectorSet {
 public:
  explicit ConnectorSet(std::span<const Connector* const> connectors) : connectors_(connectors) {}

  std::span<const Connector* const> all() const { return connectors_; }
  const Connector* find(std::string_view name) const;
  // The transport of the connector `name`; Http for a name the set lacks.
  Transport transport_of(std::string_view name) const;
  // One entry per catalog action that the set implements; null for any other.
  const SendAction* find_send(std::string_view connector, std::string_view action) const;
  const SourceAction* find_source(std::string_view connector, std::string_view action) const;

 private:
  std::span<const Connector* const> connectors_;
};

}  // namespace flowc::runtime
