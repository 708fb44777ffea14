// What `flowc run` shows while and after a flow runs: the dry-run requests, per-row lines,
// verbose request logs, the live progress line and the summary table — as text or JSON lines.
#pragma once

#include <cstdio>
#include <string>

#include "ir/ir.hpp"
#include "runtime/interpreter/interpreter.hpp"

namespace flowc::cli {

struct PrintOptions {
  bool json = false;      // JSON lines instead of text
  bool verbose = false;   // every request and response, every row
  bool progress = false;  // a live progress line on stderr (terminals only)
  bool dry_run = false;   // print each request in full (method, URL, headers, body)
  bool every_row = false; // one line per row, not only rows with a failure
};

class RunPrinter : public runtime::RunObserver {
 public:
  RunPrinter(const ir::Flow& flow, PrintOptions options) : flow_(flow), options_(options) {
    ir::for_each_send(flow.steps, [this](const ir::Send& send) { sends_.push_back(&send); });
  }

  void on_request(const ir::Send& send, const runtime::Row& row, const runtime::HttpRequest& request,
                  const std::string& note) override;
  void on_response(const ir::Send& send, const runtime::Row& row, const runtime::HttpResponse& response) override;
  void on_dry_send(const ir::Send& send, const runtime::Row& row, const std::vector<std::string>& branch) override;
  void on_row_done(const runtime::RowOutcome& outcome) override;
  void on_progress(const runtime::RunSummary& summary) override;

  void print_summary(const runtime::RunSummary& summary);

 private:
  static bool row_failed(const runtime::RowOutcome& outcome);
  std::string row_path(const runtime::RowOutcome& outcome) const;
  void clear_progress();
  void out(const std::string& text);  // stdout, redacted

  const ir::Flow& flow_;
  std::vector<const ir::Send*> sends_;  // in document order
  PrintOptions options_;
  bool progress_shown_ = false;
  std::uint64_t last_progress_rows_ = ~0ull;
};

}  // namespace flowc::cli
