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

#include "ir/ir.hpp"
#include "runtime/interpreter/interpreter.hpp"
#include "runtime/state/state_store.hpp"

namespace flowc::runtime {

// How a flow's source says which rows are new: its `key` column (or columns) and `changed` option.
struct NewRowPolicy {
  state::KeyColumns key_columns;
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
  // RunOptions::pass_over_row: a row left out by `--row` is identified all the same, so that a
  // later row with its key is known for a repeat. A row that cannot be identified is not this
  // run's business.
  void pass_over(const Row& row);
  // RunOptions::admit_row for `flowc run --again --row N`: the row, handled before or not.
  bool admit_any(const Row& row);

  // A send that must not be repeated after a crash is noted in the store before its request
  // leaves. A send that is harmless to repeat needs no note: a crash leaves its row new, and the
  // next run sends it again either way. Its note is stored with the next batch of finished rows
  // only if its row is still in flight then (so an interrupted run's history shows it as
  // uncertain), and never for a row that finished by then.
  void on_send_started(const ir::Send& send, const Row& row) override;
  // A send that finished while its row goes on: its outcome is stored with its note at the next
  // write, so a run that dies later lists it with that outcome, not as uncertain.
  void on_send_done(const ir::Send& send, const Row& row, const SendState& state) override;
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
  // The row's identity; throws (refuse_repeated_key) for a row whose key an earlier row has.
  state::RowId identify(const Row& row);
  bool track(const Row& row, state::RowId id);  // false when a row of that identity is in flight
  // Throws the DataError of a row whose key an earlier row of this read has, after noting the
  // row so that its error is recorded (and `flowc show` lists it).
  void refuse_repeated_key(const Row& row, const state::RowId& id);
  void mark_noted(std::span<const state::SendNote> notes);
  void forget(std::uint64_t row_number);

  const ir::Flow& flow_;
  state::StateStore& store_;
  state::RunRecord run_;
  NewRowPolicy policy_;
  state::RowIdentifier identifier_;
  struct InFlightRow {
    state::RowId id;
    bool noted = false;  // notes of its sends are in the store, to be cleared with its record
    bool repeated_key = false;  // refused: an earlier row of this read has its key
  };
  std::unordered_map<std::uint64_t, InFlightRow> in_flight_;  // by row number
  std::unordered_set<std::string> identities_in_flight_;        // a repeated key waits for its first
  std::vector<bool> resend_after_crash_;                         // by ir::Send::index
  std::vector<state::SendNote> notes_to_store_;                 // sends submitted, not yet noted in the store
  bool note_needed_before_leaving_ = false;  // notes_to_store_ holds a send that must not be repeated
  std::vector<state::SendNote> notes_kept_;  // reused by on_rows_done
};

}  // namespace flowc::runtime
