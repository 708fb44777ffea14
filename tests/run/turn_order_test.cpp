// The order of a runner's turn at concurrency 1: the next row's request is on its way to the
// service while the previous row is being recorded, not after.
#include <gtest/gtest.h>

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
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
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
  const std::string csv = dir.write("rows.csv", "id\n1\n2\n3\n");
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
  OrderObserver observer(flow, server, 3);
  runtime::run_flow(flow, {}, observer);

  EXPECT_EQ(server.requests().size(), 3u);
  EXPECT_EQ(observer.next_request_arrived, (std::map<std::uint64_t, bool>{{2, true}, {3, true}}));
  for (std::uint64_t row : {2, 3, 4}) EXPECT_EQ(observer.rows[row]["call"].result, "success") << "row " << row;
}

}  // namespace
}  // namespace flowc::testing
