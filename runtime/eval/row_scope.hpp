// The Scope of one row while it runs: its cells, the outcomes of its earlier sends, the
// environment, and facts about the flow and the run.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <rapidjson/document.h>

#include "ir/ir.hpp"
#include "runtime/rows/row.hpp"
#include "runtime/eval/scope.hpp"

namespace flowc::runtime {

enum class SendResult { Skipped, Success, Fail };
const char* send_result_name(SendResult result);

// NAME.result / .errors / .status / response fields of one send within one row.
struct SendState {
  SendResult result = SendResult::Skipped;
  std::string errors;
  int status = 0;
  rapidjson::Document response;  // null until the send ran
  std::string not_json;          // SendOutcome::not_json, secrets masked

  // As before the send ran, keeping the object itself for another row (making a Document
  // allocates); the old response's memory is given back.
  void clear() {
    result = SendResult::Skipped;
    errors.clear();
    status = 0;
    not_json.clear();
    response.SetNull();
    response.GetAllocator().Clear();
  }
};

// Facts that stay the same for every row of a run.
struct RunFacts {
  std::string flow_name;
  std::string flow_file;
  std::string run_id;
  std::string started_at;  // ISO 8601, UTC
  // Send names -> Send::index, for NAME.field references.
  std::unordered_map<std::string, int> send_index;
  // In a dry run a send's outcome is unknown: references to it render as "{{NAME.field}}".
  bool placeholders_for_sends = false;
  // In a dry run an unset variable renders as "<unset env.NAME>" instead of failing the send.
  bool placeholders_for_unset_env = false;
  // Learned from the rows themselves, but about the source, so it lasts for the run.
  mutable ColumnLookup columns;
  // Dry run: each send reference's placeholder, made at its first use and read in place after.
  mutable std::unordered_map<const ir::Ref*, std::string> placeholders;
};

class RowScope : public Scope {
 public:
  RowScope(const RunFacts& facts, const Row* row, const std::vector<SendState>* sends)
      : facts_(facts), row_(row), sends_(sends) {}

  Lookup lookup(const ir::Ref& ref) const override;
  const std::string* text_in_place(const ir::Ref& ref) const override;

 private:
  Lookup lookup_row(const ir::Ref& ref) const;
  Lookup lookup_send(const ir::Ref& ref) const;
  Lookup lookup_env(const ir::Ref& ref) const;
  const std::string* placeholder(const ir::Ref& ref) const;
  const std::string* row_number(const std::string& column) const;

  const RunFacts& facts_;
  const Row* row_;                       // null while evaluating account settings
  const std::vector<SendState>* sends_;  // null while evaluating the source's `where`
  mutable std::string number_text_;      // `row.number` as text, read in place
};

// What a dry run shows for an unset `env.NAME`, and whether a rendered value holds one (such a
// value is no secret: it is shown, not masked).
std::string unset_env_placeholder(const std::string& name);
bool mentions_unset_env(std::string_view text);

// The current time as ISO 8601 UTC with seconds ("2026-11-29T15:04:05Z").
std::string iso8601_now();

}  // namespace flowc::runtime
