// State shared by the checker's passes (internal to the compiler library).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/parse/ast.hpp"
#include "ir/catalog.hpp"
#include "compiler/check/checker.hpp"
#include "ir/diagnostic.hpp"
#include "ir/diagnostic_codes.hpp"
#include "compiler/parse/literal_values.hpp"

namespace flowc::check {

// A named send, known before the walk so a reference to a later one can say so.
struct SendInfo {
  int index = 0;                                // document order
  const catalog::ActionSpec* action = nullptr;  // null when its account or action is unknown
  Span name_span;
  bool referenced = false;
};

// Where a value or condition sits decides what it may read.
struct Place {
  bool row_available = false;    // the source row exists (sends, `where`, conditions)
  bool sends_available = false;  // earlier sends' outcomes exist (sends and `if`s)
  int sends_before = 0;          // sends with a smaller index are earlier in the document
  int self_index = -1;           // the send being defined, if any
  std::string_view where;        // "an account field", for messages
};

// The columns of the source's file, as its header names them.
struct KnownColumns {
  std::string file;  // for messages
  std::vector<std::string> names;
};

// What a reference turned out to be.
enum class RefKind { Invalid, Row, Send, Env, Flow, Run, Now, Symbol };

struct ResolvedRef {
  RefKind kind = RefKind::Invalid;
  std::string send;        // RefKind::Send: the send's name
  std::string field;       // RefKind::Send: the field read when it is one name (`result`)
  std::string symbol;      // RefKind::Symbol
  bool is_result() const;  // `NAME.result`
};

class Context {
 public:
  Context(const ast::Flow& flow, Diagnostics& diagnostics) : flow_(flow), diagnostics_(diagnostics) {}

  void error(const DiagnosticCode& code, Span span, std::string message, std::string help = {});
  void warning(const DiagnosticCode& code, Span span, std::string message, std::string help = {});

  const ast::Flow& flow() const { return flow_; }
  std::map<std::string, const catalog::ConnectorSpec*> account_connectors;  // null: unknown connector
  std::string source_name = "row";
  std::map<std::string, SendInfo> sends;
  std::optional<KnownColumns> source_columns;  // set when `check` could read the source file's header

 private:
  const ast::Flow& flow_;
  Diagnostics& diagnostics_;
};

// References and templates (check_references.cpp).
// `symbols_allowed`: a one-part name that names nothing is a bare symbol (`first`, `fail`) the
// caller checks, instead of an undefined name.
ResolvedRef check_reference(Context& ctx, const ast::Reference& ref, const Place& place, bool symbols_allowed);
// Checks every reference and filter inside a value (templates, lists); returns the resolution
// when the value itself is a reference.
ResolvedRef check_value_references(Context& ctx, const ast::Value& value, const Place& place, bool symbols_allowed);
bool value_reads_env(const ast::Value& value);
// The text of a string without interpolations; nullopt for anything else.
std::optional<std::string> plain_text(const ast::Value& value);

// The source file's columns (check_columns.cpp): read through options.read_source_file, if set;
// then every `row.NAME` is checked against them.
void read_source_columns(Context& ctx, const SourceFile& file, const CheckOptions& options);
void check_column(Context& ctx, const ast::Reference& ref);

// Field lists against the catalog (check_fields.cpp).
struct FieldOwner {
  std::string title;  // "keepincrm.update_order", "google_sheets account"
  Span span;          // where "missing field" is reported
};
void check_fields(Context& ctx, const std::vector<ast::Field>& fields, std::span<const catalog::FieldSpec> specs,
                  const FieldOwner& owner, const Place& place);
void check_duplicate_fields(Context& ctx, const std::vector<ast::Field>& fields);

// TLS verification turned off, secrets over plain http (check_transport.cpp).
void check_transport(Context& ctx, const ast::Account& account, const catalog::ConnectorSpec& connector);

// Conditions (check_conditions.cpp).
void check_condition(Context& ctx, const ast::Condition& condition, const Place& place);

// The possible results of each send at a point of the flow, for W002/W003.
using ResultFacts = std::map<std::string, unsigned>;
inline constexpr unsigned kSuccess = 1, kFail = 2, kSkipped = 4, kAnyResult = 7;
bool never_true(const ast::Condition& condition, const ResultFacts& facts);
bool always_true(const ast::Condition& condition, const ResultFacts& facts);

// Changes to the facts that last as long as this object: a branch narrows them, a send that ran
// fixes them, and leaving the branch undoes exactly that (no copying of the whole map).
class FactScope {
 public:
  explicit FactScope(ResultFacts& facts) : facts_(facts) {}
  ~FactScope();
  FactScope(const FactScope&) = delete;
  FactScope& operator=(const FactScope&) = delete;

  void set(const std::string& send, unsigned can_be);
  // What is known once `condition` evaluated to `truth`.
  void narrow(const ast::Condition& condition, bool truth);
  const ResultFacts& facts() const { return facts_; }

 private:
  ResultFacts& facts_;
  std::vector<std::pair<std::string, std::optional<unsigned>>> undo_;
};
// The sends whose `.result` a condition compares, in order.
std::vector<std::string> result_sends(const ast::Condition& condition);

// Schedules and settings (check_schedules.cpp).
void check_schedules(Context& ctx);
void check_settings(Context& ctx);

Span span_between(const Span& first, const Span& last);

}  // namespace flowc::check
