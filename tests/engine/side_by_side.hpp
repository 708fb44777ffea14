// Runs the same send through a hand-written connector action and through the manifest engine
// built from the same service's manifest, against one real loopback server, and checks that what
// reached the server and what the send yielded are the same, byte for byte.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
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

// One loopback server for both sides (so Host and every curl header match); the responder sees
// each request and how many the current side sent before it.
class SideBySide {
 public:
  using Responder = std::function<flowc::testing::Reply(const flowc::testing::ReceivedRequest&, std::size_t)>;

  SideBySide(std::string_view service, Responder responder)
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

  // Runs both and compares everything; returns the hand-written side for further checks.
  Side expect_same(const SendAction& hand_written, std::string_view action, const std::string& fields_json,
                   const std::string& account_json) {
    Side before = run(hand_written, fields_json, account_json);
    auto send = engine(action);
    if (!send) return before;
    Side after = run(*send, fields_json, account_json);
    compare(before, after);
    return before;
  }

  static void compare(const Side& before, const Side& after) {
    ASSERT_EQ(before.built.size(), after.built.size()) << "requests built";
    for (std::size_t i = 0; i < before.built.size(); ++i) {
      SCOPED_TRACE("request " + std::to_string(i));
      EXPECT_EQ(before.built[i].method, after.built[i].method);
      EXPECT_EQ(before.built[i].url, after.built[i].url);
      EXPECT_EQ(ordered_headers(before.built[i]), ordered_headers(after.built[i]));
      EXPECT_EQ(before.built[i].body, after.built[i].body);
      EXPECT_EQ(before.notes[i], after.notes[i]);
    }
    ASSERT_EQ(before.received.size(), after.received.size()) << "requests received";
    for (std::size_t i = 0; i < before.received.size(); ++i) {
      SCOPED_TRACE("received " + std::to_string(i));
      EXPECT_EQ(before.received[i].method, after.received[i].method);
      EXPECT_EQ(before.received[i].target, after.received[i].target);
      EXPECT_EQ(before.received[i].headers, after.received[i].headers);
      EXPECT_EQ(before.received[i].body, after.received[i].body);
    }
    EXPECT_EQ(before.outcome.success, after.outcome.success);
    EXPECT_EQ(before.outcome.errors, after.outcome.errors);
    EXPECT_EQ(before.outcome.status, after.outcome.status);
    EXPECT_EQ(before.outcome.not_json, after.outcome.not_json);
    EXPECT_TRUE(before.outcome.response == after.outcome.response)
        << flowc::to_json(before.outcome.response) << " vs " << flowc::to_json(after.outcome.response);
  }

 private:
  manifest::ConnectorManifest manifest_;
  std::atomic<std::size_t> first_{0};
  flowc::testing::RecordingServer server_;
  HttpClient http_;
};

}  // namespace flowc::runtime::testing
