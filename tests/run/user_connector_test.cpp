// A connector written by a user, end to end: a manifest in a `connectors/` folder beside the flow
// (or named by --connectors / FLOWC_CONNECTORS) describes a small notes API that the test serves on
// loopback. `flowc check` and `flowc run` take it like a built-in one: bearer auth, a failure the
// API reports inside HTTP 200, a 429 whose wait is in the body, its error text in the row.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <string>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/recording_server.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

constexpr const char* kToken = "notes-token-8812";

// Written as a user would, from the scaffold `flowc connectors new` makes.
constexpr const char* kManifest = R"(# Notes: a small API that answers 200 with {"ok": false} when it refuses.
connector notes {
  title       = "Notes"
  description = "A notes API."
  base_url    = "https://notes.example.com/api"

  account {
    field api_token {
      type        = string
      required    = true
      secret      = true
      description = "API token."
    }
  }

  auth bearer {
    token = api_token
  }

  retry {
    statuses   = [429, "5xx"]
    after_body = ["retry_after"]
  }

  action post_note {
    kind        = send
    description = "Posts a note."
    after_crash = hold

    field text  { type = string  required = true  description = "The note." }
    field topic { type = string  description = "Where it goes."  to = "meta.topic" }

    request {
      method = POST
      path   = "notes"
      body   = json
    }

    response {
      success { body.ok = true }
      error   = ["error"]
      fields  { id = "note.id" }
    }

    example posted  { body = """{"ok": true, "note": {"id": 1}}""" }
    example refused { body = """{"ok": false, "error": "topic_archived"}""" }
  }

  action new_notes {
    kind        = source
    description = "Notes of a topic, oldest first, a page at a time."

    field topic { type = string  required = true  description = "The topic."  to = "topic" }

    request {
      method = GET
      path   = "notes"
    }

    pagination cursor {
      param      = "after"
      cursor     = "next"
      size_param = "limit"
      size       = 2
    }

    response {
      records = "notes"
    }

    example page {
      body = """{"notes": [{"id": 1, "text": "from the example page"}, {"id": 2, "text": "its second note"}], "next": "c2"}"""
    }
  }
}
)";

std::string param(const ReceivedRequest& request, const std::string& name) {
  const auto found = request.params.find(name);
  return found == request.params.end() ? std::string() : found->second;
}

// Three notes of topic "inbox", two a page: the cursor of the second page is "p2".
Reply listing(const ReceivedRequest& request) {
  if (param(request, "topic") != "inbox" || param(request, "limit") != "2") return Reply(400, R"({"error":"bad query"})");
  if (param(request, "after").empty())
    return Reply(200, R"({"notes":[{"id":1,"text":"first"},{"id":2,"text":"second","tags":["a","b"]}],"next":"p2"})");
  if (param(request, "after") == "p2") return Reply(200, R"({"notes":[{"id":3,"text":"third","tags":[]}],"next":null})");
  return Reply(400, R"({"error":"unknown cursor"})");
}

// The notes API: a bearer token is required, topic "old" is refused inside a 200, and the first
// note of topic "new" is told to wait a second (429, the wait in the body).
struct NotesApi {
  std::shared_ptr<std::atomic<bool>> waited = std::make_shared<std::atomic<bool>>(false);

  Reply operator()(const ReceivedRequest& request, std::size_t count) const {
    if (request.header("Authorization") != std::string("Bearer ") + kToken)
      return Reply(401, R"({"ok":false,"error":"bad_token"})");
    if (request.method == "GET") return listing(request);
    if (request.body.find(R"("topic":"new")") != std::string::npos && !waited->exchange(true))
      return Reply(429, R"({"ok":false,"error":"slow_down","retry_after":1})");
    if (request.body.find(R"("topic":"old")") != std::string::npos)
      return Reply(200, R"({"ok":false,"error":"topic_archived"})");
    return Reply(200, fmt::format(R"({{"ok":true,"note":{{"id":{}}}}})", 100 + count));
  }
};

struct UserConnectorRun {
  TempDir dir;
  std::string flow;

  // The flow beside connectors/notes/notes.connector: each row posts a note; a refusal is posted
  // again to a log topic with the API's error text.
  explicit UserConnectorRun(const std::string& base_url, const std::string& manifest_folder = "connectors") {
    dir.write(manifest_folder + "/notes/notes.connector", kManifest);
    const std::string csv = dir.write("rows.csv", "id,topic,text\n1,new,first note\n2,old,second note\n");
    flow = dir.write("notes.flow", fmt::format(R"(flow "notes from rows"
account files = csv {{}}
account api = notes {{ base_url = "{}"  api_token = env.NOTES_TOKEN }}
source row = files.new_rows {{ path = "{}"  key = id }}

send note = api.post_note {{
  text  = row.text
  topic = row.topic
}}
if note.result == fail then
  send api.post_note {{
    text  = "row {{{{row.id}}}} refused: {{{{note.errors}}}}"
    topic = "log"
  }}
end
)",
                                               base_url, csv));
  }

  CommandResult flowc(const std::string& command, const std::string& extra_env = "") const {
    return run_flowc(command, std::string("NOTES_TOKEN=") + kToken + " " + extra_env);
  }
  std::string state() const { return (dir.path() / "state.db").string(); }
};

std::string output(const CommandResult& result) { return result.out + result.err; }

TEST(UserConnector, ChecksAndRunsFromAFolderBesideTheFlow) {
  RecordingServer server(NotesApi{});
  UserConnectorRun run(server.url());

  const CommandResult check = run.flowc("check " + run.flow);
  EXPECT_EQ(check.exit_code, 0) << output(check);

  const CommandResult result = run.flowc("run --state " + run.state() + " " + run.flow);
  EXPECT_EQ(result.exit_code, 0) << output(result);
  const auto requests = server.requests();
  // Row 1: a 429, then the same note again after the wait the body gave; row 2 (sent meanwhile):
  // refused inside a 200, then its refusal posted to the log topic.
  ASSERT_EQ(requests.size(), 4u) << output(result);
  std::multiset<std::string> bodies;
  for (const auto& request : requests) {
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.path, "/notes");
    bodies.insert(request.body);
  }
  const std::string first = R"({"text":"first note","meta":{"topic":"new"}})";
  EXPECT_EQ(bodies.count(first), 2u);
  EXPECT_EQ(bodies.count(R"({"text":"second note","meta":{"topic":"old"}})"), 1u);
  EXPECT_EQ(bodies.count(R"({"text":"row 2 refused: topic_archived","meta":{"topic":"log"}})"), 1u);
  EXPECT_NE(output(result).find("2 rows"), std::string::npos) << output(result);
  EXPECT_EQ(output(result).find(kToken), std::string::npos) << output(result);
}

TEST(UserConnector, AFolderNamedByOptionOrEnvironmentWorksAlike) {
  RecordingServer server(NotesApi{});
  UserConnectorRun run(server.url(), "manifests");
  const std::string folder = (run.dir.path() / "manifests").string();

  const CommandResult unknown = run.flowc("check " + run.flow);
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(output(unknown).find("notes"), std::string::npos) << output(unknown);

  EXPECT_EQ(run.flowc("check --connectors " + folder + " " + run.flow).exit_code, 0);
  EXPECT_EQ(run.flowc("check " + run.flow, "FLOWC_CONNECTORS=" + folder).exit_code, 0);
}

TEST(UserConnector, AMalformedManifestStopsTheRunWithItsPlace) {
  RecordingServer server(NotesApi{});
  UserConnectorRun run(server.url());
  run.dir.write("connectors/notes/notes.connector", std::string(kManifest).replace(std::string(kManifest).find("kind        = send"), 18, "kind        = sned"));

  const CommandResult result = run.flowc("run --state " + run.state() + " " + run.flow);
  EXPECT_EQ(result.exit_code, 1) << output(result);
  EXPECT_NE(output(result).find("notes.connector:"), std::string::npos) << output(result);
  EXPECT_NE(output(result).find("M013"), std::string::npos) << output(result);
  EXPECT_TRUE(server.requests().empty());
}

TEST(UserConnector, FlowcConnectorsListsItFromTheFoldersNamed) {
  RecordingServer server(NotesApi{});
  UserConnectorRun run(server.url(), "manifests");
  const std::string folder = (run.dir.path() / "manifests").string();
  const CommandResult listed = run.flowc("connectors notes", "FLOWC_CONNECTORS=" + folder);
  EXPECT_EQ(listed.exit_code, 0) << output(listed);
  EXPECT_NE(listed.out.find("notes.post_note (send)"), std::string::npos) << output(listed);
  const CommandResult json = run.flowc("--connectors " + folder + " connectors --json notes");
  EXPECT_NE(json.out.find(R"("name":"new_notes","kind":"source")"), std::string::npos) << output(json);
}

TEST(UserConnector, ABuiltInConnectorCannotBeReplaced) {
  RecordingServer server(NotesApi{});
  UserConnectorRun run(server.url());
  std::string telegram(kManifest);
  telegram.replace(telegram.find("connector notes"), 15, "connector telegram");
  run.dir.write("connectors/telegram/telegram.connector", telegram);

  const CommandResult check = run.flowc("check " + run.flow);
  EXPECT_EQ(check.exit_code, 1) << output(check);
  EXPECT_NE(output(check).find("M021"), std::string::npos) << output(check);
  EXPECT_NE(output(check).find("already known"), std::string::npos) << output(check);
}

}  // namespace
}  // namespace flowc::testing

namespace flowc::testing {
namespace {

TEST(UserConnector, ASourceListsEveryPageAndPassesOnlyNewRecords) {
  RecordingServer server(NotesApi{});
  UserConnectorRun run(server.url());
  const std::string flow = run.dir.write("copy.flow", fmt::format(R"(flow "copy the inbox"
account api = notes {{ base_url = "{}"  api_token = env.NOTES_TOKEN }}
source note = api.new_notes {{ topic = "inbox"  key = id }}

send api.post_note {{
  text  = "{{{{note.id}}}}: {{{{note.text}}}} {{{{note.tags}}}}"
  topic = "copies"
}}
)",
                                                                  server.url()));
  const CommandResult first = run.flowc("run --state " + run.state() + " " + flow);
  EXPECT_EQ(first.exit_code, 0) << output(first);
  std::vector<std::string> gets, posts;
  for (const auto& request : server.requests()) (request.method == "GET" ? gets : posts).push_back(request.target);
  EXPECT_EQ(gets, (std::vector<std::string>{"/notes?topic=inbox&limit=2", "/notes?topic=inbox&after=p2&limit=2"}));
  std::multiset<std::string> texts;
  for (const auto& request : server.requests())
    if (request.method == "POST") texts.insert(request.body);
  EXPECT_EQ(texts, (std::multiset<std::string>{R"({"text":"1: first ","meta":{"topic":"copies"}})",
                                               R"({"text":"2: second [\"a\",\"b\"]","meta":{"topic":"copies"}})",
                                               R"({"text":"3: third []","meta":{"topic":"copies"}})"}));

  // The next poll lists the pages again and finds nothing new.
  const std::size_t before = server.requests().size();
  const CommandResult second = run.flowc("run --state " + run.state() + " " + flow);
  EXPECT_EQ(second.exit_code, 0) << output(second);
  const auto after = server.requests();
  ASSERT_EQ(after.size(), before + 2) << output(second);
  EXPECT_EQ(after[before].method, "GET");
  EXPECT_EQ(after[before + 1].method, "GET");
}

// The sandbox answers a user connector from its manifest's examples: every send gets the
// action's first success example, the source reads the example page once, and nothing reaches the
// service.
TEST(UserConnector, TheSandboxAnswersAUserConnectorFromItsExamples) {
  RecordingServer server(NotesApi{});
  UserConnectorRun run(server.url());
  const CommandResult sends = run.flowc("run --sandbox " + run.flow);
  EXPECT_EQ(sends.exit_code, 0) << output(sends);
  EXPECT_NE(output(sends).find("notes POST /examples/notes/notes -> 200"), std::string::npos) << output(sends);
  EXPECT_NE(output(sends).find("2 rows"), std::string::npos) << output(sends);

  const std::string copy = run.dir.write("copy.flow", fmt::format(R"(flow "copy the inbox"
account api = notes {{ base_url = "{}"  api_token = env.NOTES_TOKEN }}
source note = api.new_notes {{ topic = "inbox"  key = id }}
send api.post_note {{ text = note.text }}
)",
                                                                  server.url()));
  const CommandResult listing = run.flowc("run --sandbox " + copy);
  EXPECT_EQ(listing.exit_code, 0) << output(listing);
  // The example page (full: two notes), then the page its cursor names, which the sandbox answers empty.
  EXPECT_NE(output(listing).find("notes GET /examples/notes/notes?topic=inbox&limit=2 -> 200"), std::string::npos)
      << output(listing);
  EXPECT_NE(output(listing).find("notes GET /examples/notes/notes?topic=inbox&after=c2&limit=2 -> 200"),
            std::string::npos)
      << output(listing);
  EXPECT_NE(output(listing).find(R"({"text":"from the example page"})"), std::string::npos) << output(listing);
  EXPECT_TRUE(server.requests().empty()) << output(sends) << output(listing);
}

// A manifest's `rate_limit` holds an account whose flow sets none: six notes at 4/s, the first
// four at once (the bucket holds four), then one every quarter second.
TEST(UserConnector, TheManifestsRateLimitHoldsAnAccountThatSetsNone) {
  RecordingServer server(NotesApi{});
  UserConnectorRun run(server.url());
  std::string limited(kManifest);
  limited.insert(limited.find("\n", limited.find("base_url")) + 1, "  rate_limit  = 4/s\n");
  run.dir.write("connectors/notes/notes.connector", limited);
  run.dir.write("rows.csv", "id,topic,text\n1,a,one\n2,a,two\n3,a,three\n4,a,four\n5,a,five\n6,a,six\n");
  const auto started = std::chrono::steady_clock::now();
  const CommandResult result = run.flowc("run --state " + run.state() + " " + run.flow);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(result.exit_code, 0) << output(result);
  EXPECT_EQ(server.requests().size(), 6u);
  EXPECT_GE(took, std::chrono::milliseconds(450)) << "two requests past the burst wait a quarter second each";
}

TEST(UserConnector, ASourceThatFailsNamesTheServiceAndItsMessage) {
  RecordingServer server(NotesApi{});
  UserConnectorRun run(server.url());
  const std::string flow = run.dir.write("bad.flow", fmt::format(R"(flow "a topic the API refuses"
account api = notes {{ base_url = "{}"  api_token = env.NOTES_TOKEN }}
source note = api.new_notes {{ topic = "elsewhere"  key = id }}
send api.post_note {{ text = note.text }}
)",
                                                                 server.url()));
  const CommandResult result = run.flowc("run --state " + run.state() + " " + flow);
  EXPECT_NE(result.exit_code, 0) << output(result);
  EXPECT_NE(output(result).find("Notes new_notes failed (HTTP 400): bad query"), std::string::npos) << output(result);
}

}  // namespace
}  // namespace flowc::testing
