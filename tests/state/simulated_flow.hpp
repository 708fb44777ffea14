// A minimal stand-in for the runner's use of the state store: read rows, decide
// which are new, "send" each new row once and record it. Lets the tests replay a
// sheet's history run by run against a real database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/state/state_store.hpp"

namespace flowc::runtime::state::testing {

struct SimulatedFlow {
  explicit SimulatedFlow(StateStore& store_to_use, std::optional<std::string> key = std::nullopt,
                         bool changed_rows_are_new = false, std::string flow_name = "orders")
      : store(store_to_use), flow(std::move(flow_name)), key_column(std::move(key)), changed(changed_rows_are_new) {}

  StateStore& store;
  std::string flow;
  std::optional<std::string> key_column;
  bool changed;  // the source's `changed = true`: edited rows count as new

  // One run over `rows`; returns the first cell of every row that was new (and
  // so was sent and recorded), in source order.
  std::vector<std::string> run(const std::vector<Row>& rows) {
    RunLock lock = store.run_lock(flow);
    lock.lock();
    RunStart start;
    start.flow = flow;
    start.flow_file = "orders.flow";
    start.trigger = "manual";
    const RunRecord run = store.begin_run(lock, start);
    RowIdentifier identifier(key_column);
    std::vector<std::string> sent;
    for (const Row& row : rows) {
      const RowId id = identifier.identify(row);
      if (!is_new(id)) continue;
      RowRecord record;
      record.identity = id.identity;
      record.content_hash = id.content_hash;
      record.row_number = row.number;
      store.note_send_started(run, record, "update", true);
      SendRecord& sent_update = record.sends.emplace_back();
      sent_update.name = "update";
      sent_update.status = 200;
      store.record_row(run, record);
      sent.push_back(row.cells.at(0));
    }
    RunCounts counts;
    counts.rows_read = static_cast<std::int64_t>(rows.size());
    counts.done = static_cast<std::int64_t>(sent.size());
    store.end_run(run, RunOutcome::completed, counts);
    return sent;
  }

  bool is_new(const RowId& id) {
    const std::optional<std::string> handled_hash = store.handled_content_hash(flow, id.identity);
    return !handled_hash || (changed && *handled_hash != id.content_hash);
  }
};

}  // namespace flowc::runtime::state::testing
