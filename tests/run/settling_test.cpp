// How a run settles its finished rows: in batches of a few milliseconds, each stored in one
// commit while the next row's request is already on its way to the service.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/recording_server.hpp"
#include "tests/support/run_options.hpp"

namespace flowc::testing {
namespace {

std::string put_flow(const RecordingServer& server, const std::string& csv) {
  return csv_to_http_flow("one at a time", server.url(), csv) + R"(send call = api.request {
  method = PUT
  url    = "/items/{{row.id}}"
}
settings { concurrency = 1 }
)";
}

std::string id_rows(int count) {
  std::string csv = "id\n";
  for (int id = 1; id <= count; ++id) csv += fmt::format("{}\n", id);
  return csv;
}

// Counts the batches in which finished rows are reported (and a state store commits them).
class BatchCounter : public RecordingObserver {
 public:
  using RecordingObserver::RecordingObserver;
  void on_rows_done(std::span<const runtime::RowOutcome> outcomes) override {
    ++batches;
    rows_in_batches += outcomes.size();
    RecordingObserver::on_rows_done(outcomes);
  }
  int batches = 0;
  std::size_t rows_in_batches = 0;
};

TEST(Settling, RowsThatFinishWithinMillisecondsAreStoredTogether) {
  RecordingServer server([](const ReceivedRequest&, std::size_t) { return Reply{200, "{}"}; });
  TempDir dir;
  const int rows = 300;
  const ir::Flow flow = compile_or_fail(put_flow(server, dir.write("rows.csv", id_rows(rows))));
  BatchCounter observer(flow);
  runtime::run_flow(flow, builtin_run_options(), observer);

  EXPECT_EQ(observer.rows_in_batches, static_cast<std::size_t>(rows));
  EXPECT_EQ(observer.rows.size(), static_cast<std::size_t>(rows));
  // A loopback round trip takes well under the 5 ms a row may wait: a commit per row would make
  // as many batches as rows.
  EXPECT_LT(observer.batches, rows / 3);
}

// Records, for the first batches (not the last), whether the service received the request of the
// row after the batch while the batch was being stored (waiting a while for it to arrive).
class OrderObserver : public BatchCounter {
 public:
  OrderObserver(const ir::Flow& flow, const RecordingServer& server, std::size_t row_count)
      : BatchCounter(flow), server_(server), row_count_(row_count) {}

  void on_rows_done(std::span<const runtime::RowOutcome> outcomes) override {
    BatchCounter::on_rows_done(outcomes);
    if (rows_in_batches < row_count_ && batches_before_the_end < 3) {
      ++batches_before_the_end;
      if (wait_for_requests(rows_in_batches + 1)) ++next_request_arrived;
    }
  }

  int batches_before_the_end = 0;
  int next_request_arrived = 0;

 private:
  bool wait_for_requests(std::size_t count) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (server_.requests().size() < count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }

  const RecordingServer& server_;
  std::size_t row_count_;
};

TEST(Settling, AtConcurrencyOneTheNextRequestLeavesBeforeABatchIsStored) {
  // Answered at once: a batch falls due right after a row finished and the next one started.
  RecordingServer server([](const ReceivedRequest&, std::size_t) { return Reply{201, R"({"id":1})"}; });
  TempDir dir;
  const int rows = 200;
  const ir::Flow flow = compile_or_fail(put_flow(server, dir.write("rows.csv", id_rows(rows))));
  OrderObserver observer(flow, server, rows);
  runtime::run_flow(flow, builtin_run_options(), observer);

  EXPECT_EQ(server.requests().size(), static_cast<std::size_t>(rows));
  ASSERT_GE(observer.batches_before_the_end, 1);
  // curl puts a request on a kept-alive connection in the poll before the commit nearly always; on
  // a loaded machine one may wait for the next poll, which costs time, not correctness. Without
  // the overlap no batch's next request is out before the batch is stored.
  EXPECT_GE(observer.next_request_arrived, 1);
  for (std::uint64_t row = 2; row <= rows + 1; ++row) {
    EXPECT_EQ(observer.rows[row]["call"].result, "success") << "row " << row;
  }
}

}  // namespace
}  // namespace flowc::testing
