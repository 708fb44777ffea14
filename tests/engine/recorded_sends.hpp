// Runs a send through the manifest engine against a real loopback server and compares what the
// exchange built, what reached the server and what the send yielded with a transcript under
// tests/golden/engine/, byte for byte. The transcripts were recorded when the hand-written
// KeepinCRM, Telegram and HTTP connectors were still beside the engine and sent the same bytes
// (their side-by-side comparison passed on every case); they keep those requests fixed now that
// the manifests are the connectors. FLOWC_UPDATE_GOLDEN=1 rewrites them (review the diff).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <functional>
#include <string>
#include <vector>

#include "runtime/connector.hpp"
#include "runtime/json_util.hpp"
#include "runtime/manifest_engine/manifest_send.hpp"
#include "tests/connectors/test_support.hpp"
#include "tests/manifest/manifest_support.hpp"
#include "tests/support/recording_server.hpp"

namespace flowc::runtime::testing {

// What one side did: the requests as its exchange built them, as the server received them, and
// the outcome.
struct Side {
  std::vector<HttpRequest> built;
  std::vector<std::string> notes;
  std::vector<flowc::testing::ReceivedRequest> received;
  SendOutcome outcome;
};

// Headers in the order a request sends them.
inline std::vector<std::pair<std::string, std::string>> ordered_headers(const HttpRequest& request) {
  std::vector<std::pair<std::string, std::string>> headers;
  request.for_each_header([&](const std::string& name, const std::string& value) { headers.emplace_back(name, value); });
  return headers;
}

// One loopback server for a test's sends; the responder sees each request and how many the
// current send made before it.
class RecordedSends {
 public:
  using Responder = std::function<flowc::testing::Reply(const flowc::testing::ReceivedRequest&, std::size_t)>;

  RecordedSends(std::string_view service, Responder responder)
      : manifest_(manifest_test::load_manifest(service)),
        server_([this, responder = std::move(responder)](const auto& request, std::size_t count) {
          return responder(request, count - first_.load());
        }) {}

  std::string url() const { return server_.url(); }
  const manifest::ConnectorManifest& manifest() const { return manifest_; }

  std::unique_ptr<manifest_engine::ManifestSendAction> engine(std::string_view action) const {
    auto send = manifest_engine::make_send_action(manifest_, action);
    EXPECT_NE(send, nullptr) << "the manifest has no send " << action;
    return send;
  }

  // `account_json` may say {URL} for the server's URL.
  Side run(const SendAction& action, const std::string& fields_json, std::string account_json) {
    for (auto at = account_json.find("{URL}"); at != std::string::npos; at = account_json.find("{URL}"))
      account_json.replace(at, 5, server_.url());
    first_ = server_.requests().size();
    TestAccount account(account_json, manifest_.spec.name);
    auto fields = json(fields_json);
    ExchangeRun run = run_exchange(action, fields, account.config, http_);
    Side side{std::move(run.requests), std::move(run.notes), {}, std::move(run.outcome)};
    auto all = server_.requests();
    side.received.assign(all.begin() + static_cast<std::ptrdiff_t>(first_.load()), all.end());
    return side;
  }

  // Runs `action` of the manifest and adds what happened to the test's transcript.
  Side expect_recorded(std::string_view action, const std::string& fields_json, const std::string& account_json) {
    auto send = engine(action);
    if (!send) return {};
    Side side = run(*send, fields_json, account_json);
    transcript_ += describe(side);
    return side;
  }

  // The transcript is compared when the test ends.
  ~RecordedSends() { expect_transcript(); }

 private:
  std::string describe(const Side& side) const {
    std::string text = "== send\n";
    for (std::size_t i = 0; i < side.built.size(); ++i) {
      const HttpRequest& request = side.built[i];
      text += "-- built " + request.method + " " + request.url + "\n";
      for (const auto& [name, value] : ordered_headers(request)) text += name + ": " + value + "\n";
      text += "body: " + request.body + "\nnote: " + side.notes[i] + "\n";
    }
    for (const auto& received : side.received) {
      text += "-- received " + received.method + " " + received.target + "\n";
      for (const auto& [name, value] : received.headers) {
        // The server's own entries, which name the ports of this run, and the encodings this
        // machine's libcurl was built with.
        if (name.starts_with("REMOTE_") || name.starts_with("LOCAL_") || name == "Accept-Encoding") continue;
        text += name + ": " + value + "\n";
      }
      text += "body: " + received.body + "\n";
    }
    text += "-- outcome success=" + std::string(side.outcome.success ? "true" : "false") +
            " status=" + std::to_string(side.outcome.status) + "\nerrors: " + side.outcome.errors +
            "\nnot_json: " + side.outcome.not_json + "\nresponse: " + flowc::to_json(side.outcome.response) + "\n";
    // The loopback server's address changes from run to run.
    const std::string url = server_.url();
    const std::string host = url.substr(url.find("//") + 2);
    for (const std::string* from : {&url, &host}) {
      const std::string to = from == &url ? "{URL}" : "{HOST}";
      for (auto at = text.find(*from); at != std::string::npos; at = text.find(*from, at + to.size()))
        text.replace(at, from->size(), to);
    }
    return text;
  }

  void expect_transcript() const {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    if (test == nullptr || transcript_.empty()) return;
    const std::string path = std::string(FLOWC_SOURCE_DIR) + "/tests/golden/engine/" + test->test_suite_name() + "." +
                             test->name() + ".txt";
    if (const char* update = std::getenv("FLOWC_UPDATE_GOLDEN"); update != nullptr && std::string_view(update) == "1") {
      std::ofstream(path, std::ios::binary) << transcript_;
      return;
    }
    std::ifstream file(path, std::ios::binary);
    ASSERT_TRUE(file) << path << " is missing; record it with FLOWC_UPDATE_GOLDEN=1";
    const std::string expected((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    EXPECT_EQ(transcript_, expected) << "differs from " << path;
  }

  std::string transcript_;
  manifest::ConnectorManifest manifest_;
  std::atomic<std::size_t> first_{0};
  flowc::testing::RecordingServer server_;
  HttpClient http_;
};

}  // namespace flowc::runtime::testing
