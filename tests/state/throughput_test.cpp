// How fast rows can be recorded with the full guarantee (one transaction per row,
// plus the in-flight note before its send). Prints rows/s; FLOWC_STATE_BENCH_ROWS
// raises the row count (e.g. 100000) for a real measurement.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "runtime/state/state_store.hpp"
#include "tests/state/state_test_support.hpp"

namespace flowc::runtime::state {
namespace {

using testing::ScratchDir;

// Each row costs two fsyncs under FULL, so the default keeps the suite fast there.
int rows_to_record(Durability durability) {
  const char* from_environment = std::getenv("FLOWC_STATE_BENCH_ROWS");
  if (from_environment) return std::atoi(from_environment);
  return durability == Durability::full ? 300 : 3000;
}

// Records `rows` rows the way a run does; returns rows per second.
double record_rows(StateStore& store, int rows) {
  RunLock lock = store.run_lock("bench");
  lock.lock();
  RunStart start;
  start.flow = "bench";
  const RunRecord run = store.begin_run(lock, start);
  const auto began = std::chrono::steady_clock::now();
  for (int i = 0; i < rows; ++i) {
    RowRecord row;
    row.identity = fmt::format("k:{}", i);
    row.content_hash = fmt::format("{:064}", i);
    row.row_number = static_cast<std::uint64_t>(i) + 2;
    if (store.is_handled("bench", row.identity)) continue;
    store.note_send_started(run, row, "update", true);
    SendRecord& sent = row.sends.emplace_back();
    sent.name = "update";
    sent.status = 200;
    sent.response_id = std::to_string(i);
    store.record_row(run, row);
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - began;
  store.end_run(run, RunOutcome::completed, RunCounts{});
  return rows / took.count();
}

void measure(Durability durability, const char* name) {
  ScratchDir dir;
  StateStore store(dir.db(), StateOptions{.durability = durability, .busy_timeout = std::chrono::seconds(10)});
  const int rows = rows_to_record(durability);
  const double rate = record_rows(store, rows);
  std::cout << fmt::format("[ rows/s   ] {} rows recorded at {:.0f} rows/s (synchronous={})\n", rows, rate, name);
  EXPECT_EQ(store.run_rows(store.list_runs(std::nullopt, 1).at(0).id).size(), static_cast<std::size_t>(rows));
  EXPECT_TRUE(store.is_handled("bench", fmt::format("k:{}", rows - 1)));
}

TEST(Throughput, RecordRowsWithSynchronousNormal) {
  measure(Durability::normal, "NORMAL");
}
TEST(Throughput, RecordRowsWithSynchronousFull) {
  measure(Durability::full, "FULL");
}

}  // namespace
}  // namespace flowc::runtime::state
