// An incremental source end to end (docs/state.md, "Incremental sources"): a user connector whose
// listing takes `since`, served on loopback. Each poll asks only for what came after the largest
// `updated` value the last complete poll saw; the state store keeps that value with a signature
// of the source, and saves it only when the poll read everything.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/recording_server.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

constexpr const char* kManifest = R"(connector events {
  title       = "Events"
  description = "An API that lists events changed since a time."
  base_url    = "https://events.example.com"

  action changed_events {
    kind        = source
    description = "Events of a feed changed since the last poll."
    field feed { type = string  required = true  description = "The feed." }
    request { method = GET  path = "events" }
    cursor {
      field = "updated"
      param = "since"
    }
    response { records = "events" }
  }

  action copy {
    kind        = send
    description = "Copies an event."
    field id { type = string  required = true  description = "Event id." }
    request { method = POST  path = "copies"  body = json }
  }
}
)";

struct Event {
  int id;
  std::string updated;
};

// The feed, shared with the server thread. `since` is inclusive, as many APIs make it: the event
// at the position comes again and is passed over as handled.
struct Feed {
  std::mutex mutex;
  std::vector<Event> events{{1, "2026-12-01T09:00:00Z"}, {2, "2026-12-01T10:30:00Z"}, {3, "2026-12-01T10:00:00Z"}};

  void add(Event event) {
    std::lock_guard lock(mutex);
    events.push_back(std::move(event));
  }

  Reply list(const ReceivedRequest& request) {
    const auto since = request.params.find("since");
    std::string body;
    std::lock_guard lock(mutex);
    for (const Event& event : events) {
      if (since != request.params.end() && event.updated < since->second) continue;
      body += fmt::format(R"({}{{"id":{},"updated":"{}"}})", body.empty() ? "" : ",", event.id, event.updated);
    }
    return Reply(200, R"({"events":[)" + body + "]}");
  }
};

class IncrementalSource : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("connectors/events/events.connector", kManifest);
    flow = write_flow("main");
  }

  std::string write_flow(const std::string& feed_name) {
    return dir.write(feed_name + ".flow", fmt::format(R"(flow "copy events"
account api = events {{ base_url = "{}" }}
source event = api.changed_events {{ feed = "{}"  key = id }}
send api.copy {{ id = event.id }}
)",
                                                 server.url(), feed_name));
  }

  // The `since` of each listing and the ids copied, from the requests after `from`.
  std::pair<std::vector<std::string>, std::vector<std::string>> since_from(std::size_t from) const {
    std::vector<std::string> listings, copies;
    const auto requests = server.requests();
    for (std::size_t i = from; i < requests.size(); ++i) {
      if (requests[i].method == "GET") {
        const auto since = requests[i].params.find("since");
        listings.push_back(since == requests[i].params.end() ? "(none)" : since->second);
      } else {
        copies.push_back(requests[i].body);
      }
    }
    return {listings, copies};
  }

  CommandResult run(const std::string& options = "") const {
    return run_flowc("run --state " + (dir.path() / "state.db").string() + " " + options + " " + flow);
  }

  TempDir dir;
  std::shared_ptr<Feed> feed = std::make_shared<Feed>();
  RecordingServer server{[shared = feed](const ReceivedRequest& request, std::size_t) {
    return request.method == "GET" ? shared->list(request) : Reply(201, "{}");
  }};
  std::string flow;
};

TEST_F(IncrementalSource, EachPollAsksOnlyForWhatCameAfterTheLastOne) {
  const CommandResult first = run();
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  auto [listings, copies] = since_from(0);
  EXPECT_EQ(listings, std::vector<std::string>{"(none)"}) << "the first poll lists everything";
  EXPECT_EQ(copies.size(), 3u);

  feed->add({4, "2026-12-01T11:00:00Z"});
  std::size_t before = server.requests().size();
  const CommandResult second = run();
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  std::tie(listings, copies) = since_from(before);
  EXPECT_EQ(listings, std::vector<std::string>{"2026-12-01T10:30:00Z"}) << "the largest value, not the last one";
  EXPECT_EQ(copies, std::vector<std::string>{R"({"id":"4"})"}) << "event 2 came again and was passed over";
}

TEST_F(IncrementalSource, APollCutShortKeepsTheOldPosition) {
  ASSERT_EQ(run().exit_code, 0);
  feed->add({4, "2026-12-01T11:00:00Z"});
  feed->add({5, "2026-12-01T12:00:00Z"});
  std::size_t before = server.requests().size();
  const CommandResult limited = run("--limit 1");
  ASSERT_EQ(limited.exit_code, 0) << limited.out << limited.err;
  EXPECT_EQ(since_from(before).second.size(), 1u);

  // Had the limited poll saved where it read to (12:00), an API whose `since` is exclusive would
  // never list event 5, which it left unread, again.
  before = server.requests().size();
  ASSERT_EQ(run().exit_code, 0);
  auto [listings, copies] = since_from(before);
  EXPECT_EQ(listings, std::vector<std::string>{"2026-12-01T10:30:00Z"});
  EXPECT_EQ(copies.size(), 1u) << "the row the limit left unread is sent now";
}

TEST_F(IncrementalSource, AnotherSourceStartsFromTheBeginning) {
  ASSERT_EQ(run().exit_code, 0);
  flow = write_flow("other");  // the same flow name, pointed at another feed
  const std::size_t before = server.requests().size();
  ASSERT_EQ(run().exit_code, 0);
  EXPECT_EQ(since_from(before).first, std::vector<std::string>{"(none)"});
}

}  // namespace
}  // namespace flowc::testing
