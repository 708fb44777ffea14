// `settings { stop_after_failures = N }`: once N rows in a row failed the same way (a service that
// is down, a credential it refuses), the run reads no more rows, instead of failing, and alerting
// for, every row left. The rows it did not read stay new for the next run.
//
// "The same way": a row's first failed send (in flow order), and how it failed: its HTTP status,
// or, when no response came, its error text ("connection refused"; numbers in it, such as timings,
// aside). A row with no failed send, or one that failed another way, starts the count again. Rows
// count in the order they finish.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "runtime/eval/row_scope.hpp"

namespace flowc::runtime {

class FailureStreak {
 public:
  // `limit` 0: never stops.
  FailureStreak(const ir::Flow& flow, int limit);

  // Counts a finished row by its sends (indexed by ir::Send::index).
  void add(const std::vector<SendState>& sends);
  // The limit is reached: read no more rows.
  bool reached() const { return limit_ > 0 && count_ >= limit_; }
  // Why the run stopped, for its summary and history.
  std::string reason() const;

 private:
  std::vector<const ir::Send*> sends_;  // in flow order
  std::int64_t limit_;
  std::int64_t count_ = 0;
  std::string way_;    // how the rows of the current count failed, numbers aside
  std::string shown_;  // how the latest of them failed, as its error says
};

}  // namespace flowc::runtime
