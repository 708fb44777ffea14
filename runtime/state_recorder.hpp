// Connects a run to the state store: decides which rows are new, notes each send before it goes
// out, and records each finished row (outcome + handled, one transaction) — so a crash at any
// moment neither loses nor repeats a finished row.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/ir.hpp"
#include "runtime/interpreter.hpp"
#include "runtime/state/state_store.hpp"

namespace flowc::runtime {

// How a flow's source says which rows are new: its `key` column and `changed` option.
struct NewRowPolicy {
  std::optional<std::string> key_column;
  bool changed_counts_as_new = false;
};
NewRowPolicy new_row_policy(const ir::Source& source);

class StateRecorder : public RunObserver {
 public:
  StateRecorder(const ir::Flow& flow, state::StateStore& store, state::RunRecord run);

  // RunOptions::admit_row for a normal run: rows not handled before (or edited, with `changed`).
  bool admit_new(const Row& row);
  // RunOptions::admit_row for `flowc retry`: only rows with these identities.
  bool admit_listed(const Row& row, const std::set<std::string>& identities);

  // Notes of sends in flight wait here until their requests are about to leave, then go into the
  // store with the rows finished by then: one commit per turn of the event loop.
  void on_send_started(const ir::Send& send, const Row& row) override;
  void on_sends_leaving() override;
  void on_row_done(const RowOutcome& outcome) override;
  void on_rows_done(std::span<const RowOutcome> outcomes) override;
  void on_row_seeded(const Row& row) override;
  void on_row_filtered(const Row& row) override { forget(row.number); }

  const state::RunRecord& run() const { return run_; }
  // The run's tallies in the store's terms.
  static state::RunCounts counts(const RunSummary& summary);

 private:
  state::RowRecord row_record(const Row& row) const;
  bool track(const Row& row, state::RowId id);  // false when a row of that identity is in flight
  void forget(std::uint64_t row_number);

  const ir::Flow& flow_;
  state::StateStore& store_;
  state::RunRecord run_;
  NewRowPolicy policy_;
  state::RowIdentifier identifier_;
  std::unordered_map<std::uint64_t, state::RowId> in_flight_;  // row number -> identity
  std::unordered_set<std::string> identities_in_flight_;        // a repeated key waits for its first
  std::vector<bool> resend_after_crash_;                         // by ir::Send::index
  std::vector<state::SendNote> notes_to_store_;                 // sends submitted, not yet noted in the store
};

}  // namespace flowc::runtime
