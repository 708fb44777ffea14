// The connectors' schemas as data: the checker validates flows against them, the IR validator
// re-checks loaded IR, the runtime connectors read their fields by these names, and
// docs/connectors.md is generated from them. An HTTP connector's spec is read from its manifest
// (connectors/NAME/NAME.connector); the native connectors' specs are declared in catalog.cpp.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::catalog {

enum class FieldType {
  String,    // text; templates allowed
  Number,    // a number, or a reference/template that yields one at run time
  Bool,      // true / false
  List,      // `[a, b]`; a single value counts as a one-item list
  Enum,      // one of `choices`, written bare (`on_many = first`) or as a plain string
  Name,      // a bare name or a plain string naming something (`find_by = id`, `find_by = phone`)
  Duration,  // `30s`, `15m`
  Rate,      // `100/min`
  Any,       // whatever the value is, passed on as is (JSON body fields, sheet columns)
};

std::string_view field_type_name(FieldType type);

struct FieldSpec {
  // Dotted name (`client.person`). A name ending in `.*` is a wildcard: `headers.*` accepts
  // `headers.X-Request-Id` and any other `headers.<name>`.
  std::string name;
  FieldType type = FieldType::String;
  bool required = false;
  bool secret = false;               // must come from `env.NAME`, never a literal in the file
  std::vector<std::string> choices;  // Enum only
  bool names_list = false;           // Name only: a list of names is accepted too (`[order_id, sku]`)
  std::string description;

  bool is_wildcard() const;
  // True when `dotted` is this field, or falls under this wildcard.
  bool matches(std::string_view dotted) const;
};

enum class ActionKind { Source, Send };

// What the next run does with a send that a crash left uncertain (it started, its answer was
// never recorded, so it may or may not have reached the service).
enum class AfterCrash {
  Resend,    // sending it twice leaves the service as sending it once (an update with absolute values)
  Hold,      // it may have acted already (created an order, sent a message): the row waits for `flowc retry`
  ByMethod,  // http.request: GET, PUT and DELETE are resent, POST and PATCH held
};

// One line for docs and `flowc connectors`.
std::string_view after_crash_text(AfterCrash policy);

struct ActionSpec {
  std::string name;
  ActionKind kind = ActionKind::Send;
  std::string description;
  std::vector<FieldSpec> fields;
  // What a later `NAME.<field>` may read besides result/errors/status; entries may be wildcards.
  std::vector<std::string> response_fields;
  bool open_response = false;  // any response field is allowed (http.request: arbitrary JSON)
  AfterCrash after_crash = AfterCrash::Hold;  // Send only
};

struct ConnectorSpec {
  std::string name;
  std::string description;
  std::vector<FieldSpec> account_fields;
  std::vector<ActionSpec> actions;
  // Account fields of which at least one must be set (alternative credentials); empty = no rule.
  std::vector<std::string> account_needs_one_of = {};
};

// The connectors that are not HTTP services (csv, email): code, not manifests, but described by
// the same types. The others' specs come from their manifests; the set a program knows is the
// catalog::Catalog it installs (ir/manifest/connector_catalog.hpp).
std::vector<ConnectorSpec> native_connectors();

const ActionSpec* find_action(const ConnectorSpec& connector, std::string_view action);
// The spec covering `dotted`: an exact name wins over a wildcard. Null when none does.
const FieldSpec* find_field(std::span<const FieldSpec> fields, std::string_view dotted);
// Whether `NAME.<path>` can be read after a send of `action` (result/errors/status always can).
bool has_response_field(const ActionSpec& action, std::string_view dotted_path);

// Fields every send exposes whatever its action.
inline constexpr std::string_view kSendOutcomeFields[] = {"result", "errors", "status"};
// The values `NAME.result` takes.
inline constexpr std::string_view kResultValues[] = {"success", "fail", "skipped"};

}  // namespace flowc::catalog
