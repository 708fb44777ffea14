// The state store alone, as a run at high concurrency uses it: for each batch of rows, the
// is-this-row-new query of every row, then one record_rows() commit of the batch (one send a row,
// as in the end-to-end flow). Reports the cost of each part per row.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/measure.hpp"
#include "bench/modes.hpp"
#include "runtime/state/state_store.hpp"

namespace flowc::bench {
namespace {

namespace state = runtime::state;

state::RowRecord finished_row(std::uint64_t number) {
  state::RowRecord row;
  row.row_number = number + 1;
  row.identity = fmt::format("k:{}", number);
  row.content_hash = fmt::format("{:064x}", number * 0x9e3779b97f4a7c15ULL);
  state::SendRecord& send = row.sends.emplace_back();
  send.name = "update";
  send.result = state::SendResult::success;
  send.status = 200;
  send.response_id = std::to_string(number);
  return row;
}

}  // namespace

int state_bench(int argc, char** argv) {
  if (argc < 2) throw std::invalid_argument("usage: state DIR ROWS [BATCH]");
  const std::filesystem::path dir = argv[0];
  const std::uint64_t rows = std::strtoull(argv[1], nullptr, 10);
  const std::uint64_t batch = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 200;
  if (rows == 0 || batch == 0) throw std::invalid_argument("ROWS and BATCH must be positive");
  // A fresh database each time, and nothing else in DIR touched.
  for (const char* file : {"state.db", "state.db-wal", "state.db-shm"}) std::filesystem::remove(dir / file);
  state::StateStore store(dir / "state.db");
  state::RunLock lock = store.run_lock("bench");
  lock.lock();
  const state::RunStart start{.flow = "bench", .flow_file = "bench.flow", .trigger = "manual", .id = std::nullopt};
  const state::RunRecord run = store.begin_run(lock, start);

  std::vector<state::RowRecord> records;
  double admit_seconds = 0;
  double record_seconds = 0;
  std::uint64_t new_rows = 0;
  for (std::uint64_t first = 0; first < rows; first += batch) {
    records.clear();
    const std::uint64_t end = std::min(rows, first + batch);
    for (std::uint64_t number = first; number < end; ++number) records.push_back(finished_row(number));
    const double started = now_seconds();
    for (const state::RowRecord& row : records) new_rows += !store.handled_content_hash("bench", row.identity);
    const double admitted = now_seconds();
    store.record_rows(run, records);
    record_seconds += now_seconds() - admitted;
    admit_seconds += admitted - started;
  }
  if (new_rows != rows) throw std::runtime_error("rows were handled before the run recorded them");
  const auto per_row = [rows](double seconds) { return seconds * 1e6 / static_cast<double>(rows); };
  fmt::print("admit_us_per_row={:.2f}\nrecord_us_per_row={:.2f}\nrows_per_s={:.0f}\n", per_row(admit_seconds),
             per_row(record_seconds), static_cast<double>(rows) / (admit_seconds + record_seconds));
  return 0;
}

}  // namespace flowc::bench
