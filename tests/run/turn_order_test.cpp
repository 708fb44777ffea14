// The order of a runner's turn at concurrency 1: the next row's request is on its way to the
// service while the previous row is being recorded, not after. (curl puts a request on a kept-alive
// connection in the runner's one poll before recording nearly always; on a loaded machine some
// wait for the next poll, which costs time, not correctness. Without the overlap no row's
// successor is out before the row is recorded, so the test asks for at least two of five.)
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/recording_server.hpp"

namespace flowc::testing {
namespace {

// Records, for each finished row, whether the service had received the next row's request by
// the time the row was handed over for recording (waiting a while for it to arrive).
class OrderObserver : public RecordingObserver {
 public:
  OrderObserver(const ir::Flow& flow, const RecordingServer& server, std::size_t row_count)
      : RecordingObserver(flow), server_(server), row_count_(row_count) {}

  void on_rows_done(std::span<const runtime::RowOutcome> outcomes) override {
    for (const runtime::RowOutcome& outcome : outcomes) {
      const std::size_t done = ++rows_done_;
      if (done < row_count_) next_request_arrived[outcome.row->number] = wait_for_requests(done + 1);
    }
    RecordingObserver::on_rows_done(outcomes);
  }

  std::map<std::uint64_t, bool> next_request_arrived;

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
  std::size_t rows_done_ = 0;
};

TEST(TurnOrder, AtConcurrencyOneTheNextRequestLeavesBeforeTheRowIsRecorded) {
  RecordingServer server([](const ReceivedRequest&, std::size_t) { return Reply{201, R"({"id":1})"}; });
  TempDir dir;
  const std::string csv = dir.write("rows.csv", "id\n1\n2\n3\n4\n5\n6\n");
  const ir::Flow flow = compile_or_fail(fmt::format(R"(flow "one at a time"
account files = csv {{}}
account api = http {{ base_url = "{}" }}
source row = files.new_rows {{ path = "{}" }}
send call = api.request {{
  method = PUT
  url    = "/items/{{{{row.id}}}}"
}}
settings {{ concurrency = 1 }}
)",
                                                    server.url(), csv));
  OrderObserver observer(flow, server, 6);
  runtime::run_flow(flow, {}, observer);

  EXPECT_EQ(server.requests().size(), 6u);
  ASSERT_EQ(observer.next_request_arrived.size(), 5u);  // rows 2 to 6; the last row has no next
  const auto early = std::count_if(observer.next_request_arrived.begin(), observer.next_request_arrived.end(),
                                   [](const auto& row) { return row.second; });
  EXPECT_GE(early, 2) << "rows whose successor's request arrived before they were recorded";
  for (std::uint64_t row = 2; row <= 7; ++row) EXPECT_EQ(observer.rows[row]["call"].result, "success") << "row " << row;
}

}  // namespace
}  // namespace flowc::testing
