// Runs checked IR row by row: each row that passes the source's `where` goes through the sends
// and `if`s in order. Rows run concurrently (up to settings.concurrency in flight); the steps of
// one row never do. One thread drives everything through the HTTP client's event loop.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "runtime/http/http.hpp"
#include "runtime/rows/row.hpp"
#include "runtime/eval/row_scope.hpp"

namespace flowc::runtime {

class ConnectorSet;  // runtime/connector.hpp

struct RunOptions {
  // The connectors the flow's sends and source are looked up in; required (a program passes the
  // built-in ones, connectors/list.hpp). The runtime itself knows no connector.
  const ConnectorSet* connectors = nullptr;
  bool dry_run = false;                  // render every request each row would make; send nothing
  std::optional<std::uint64_t> limit;    // stop after this many rows new to the flow (not already handled)
  std::optional<std::uint64_t> only_row; // run just the row with this number
  std::string run_id;                    // empty: one is generated
  // Decides whether a row read from the source is new to this flow (the state store);
  // rows it refuses are counted as already handled. Empty: every row is new.
  std::function<bool(const Row&)> admit_row;
  // Told of each row that `only_row` leaves out, so that the state store still learns its key and
  // notices the chosen row repeating it. Empty: nothing to tell.
  std::function<void(const Row&)> pass_over_row;
  // Mark rows handled without sending: rows that are new and pass `where` go to
  // RunObserver::on_row_seeded and nothing else happens (`flowc run --seed`).
  bool seed_only = false;
  // Set from another thread (`flowc serve` and `flowc run` on SIGINT/SIGTERM): no new row is
  // read; rows in flight finish and are recorded; the summary says `stopped_because`.
  const std::atomic<bool>* stop = nullptr;
  // Settings to put over an account's own (the sandbox points base_url at itself), as
  // key -> value pairs. Empty function: none.
  std::function<std::vector<std::pair<std::string, std::string>>(const ir::Account&)> account_overrides;
  // Incremental sources: the position saved for the source with this signature (RunSummary's),
  // where this poll starts. Empty function, or nullopt: from the beginning.
  std::function<std::optional<std::string>(std::string_view signature)> source_position;
};

struct SendCounts {
  std::uint64_t success = 0;
  std::uint64_t fail = 0;
  std::uint64_t skipped = 0;
  std::uint64_t unhandled = 0;  // failures that no `if` examined
};

struct RunSummary {
  std::string run_id;
  std::uint64_t rows_read = 0;
  std::uint64_t rows_filtered_out = 0;
  std::uint64_t rows_already_handled = 0;  // read but handled by an earlier run
  std::uint64_t rows_done = 0;
  std::uint64_t rows_with_errors = 0;  // a data error stopped the row (a condition could not be evaluated)
  // The numbers of the first and last rows the source gave (0: none), to tell a `--row` that
  // names no row where the rows are.
  std::uint64_t first_row_number = 0;
  std::uint64_t last_row_number = 0;
  std::vector<SendCounts> sends;       // indexed by ir::Send::index
  // Why the run stopped taking rows before the end of its source (a stop was asked for), empty
  // when it read them all. Rows not read stay new.
  std::string stopped_because;
  bool stopped_after_failures = false;  // the flow's stop_after_failures stopped it
  // The source's connector, action, fields and account base URL, hashed: what a saved position
  // belongs to. Empty when the source was given, not opened.
  std::string source_signature;
  // Where the next poll may start (RowSource::position()), set only when every row of the source
  // was read and none of them failed to read: a place past an unread row would lose it.
  std::optional<std::string> source_position;
  bool unhandled_failure() const;
};

// What one row ended with; passed to the observer.
struct RowOutcome {
  const Row* row = nullptr;
  const std::vector<SendState>* sends = nullptr;
  std::string error;  // a data error that stopped the row, empty otherwise
};

// Hooks for the CLI (progress, dry-run printing, verbose logs) and, later, the state store.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // A request is about to go out (or, in a dry run, would). `branch` describes the `if`
  // branches around the send in a dry run ("if update.result == fail").
  virtual void on_request(const ir::Send&, const Row&, const HttpRequest&, const std::string& /*note*/) {}
  virtual void on_response(const ir::Send&, const Row&, const HttpResponse&) {}
  virtual void on_dry_send(const ir::Send&, const Row&, const std::vector<std::string>& /*branch*/) {}
  virtual void on_send_done(const ir::Send&, const Row&, const SendState&) {}
  virtual void on_row_filtered(const Row&) {}
  // A send's first request is submitted: it goes out at the next poll of the event loop, right
  // after on_sends_leaving(). A local action (a CSV append) is started the same way, and
  // on_sends_leaving() is called before it acts.
  virtual void on_send_started(const ir::Send&, const Row&) {}
  // Requests submitted so far are about to go out (or a local action is about to act). An
  // observer that notes sends in flight (the state store) must have stored the notes a crash
  // would need when this returns.
  virtual void on_sends_leaving() {}
  virtual void on_row_seeded(const Row&) {}
  // A row that ended before its steps ran (unreadable, or its `where` failed), or one row of
  // on_rows_done.
  virtual void on_row_done(const RowOutcome&) {}
  // Rows whose steps finished, in the order they finished, reported in batches: a few
  // milliseconds' worth at most, or all of them once no request is pending (the interpreter's
  // settle_due). The summary counts them after this returns. Rows that started in their places
  // may be in flight already.
  // An observer that stores rows commits them together here (group commit), so no row is printed
  // or counted as done before it is stored: observers that record come first in a FanOutObserver.
  virtual void on_rows_done(std::span<const RowOutcome> outcomes) {
    for (const RowOutcome& outcome : outcomes) on_row_done(outcome);
  }
  virtual void on_progress(const RunSummary&) {}
};

// Thrown for failures outside any send: the source cannot be opened or read, an account is
// misconfigured. Data errors of single rows never throw; they are counted in the summary.
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

RunSummary run_flow(const ir::Flow& flow, const RunOptions& options, RunObserver& observer);

// Run one flow over rows that the caller supplies instead of the flow's own source (tests).
RunSummary run_flow_on(const ir::Flow& flow, RowSource& rows, const RunOptions& options, RunObserver& observer);

}  // namespace flowc::runtime
