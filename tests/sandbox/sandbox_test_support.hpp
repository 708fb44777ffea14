// Shared by the sandbox tests: a temporary data directory, a started sandbox, and JSON parsing.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "tests/support/temp_dir.hpp"
#include "tools/sandbox/sandbox.hpp"

namespace flowc::sandbox::testing {

using ::flowc::testing::TempDir;

inline rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError()) << "not JSON: " << text;
  return doc;
}

// Starts a sandbox per test and talks to it over real HTTP.
class SandboxTest : public ::testing::Test {
 protected:
  void start(SandboxOptions options = {}) {
    sandbox_ = std::make_unique<Sandbox>(std::move(options));
    sandbox_->start();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", sandbox_->port());
    c.set_read_timeout(10, 0);
    return c;
  }

  std::unique_ptr<Sandbox> sandbox_;
};

inline const httplib::Headers kCrmAuth = {{"X-Auth-Token", "crm-token"}};
inline constexpr const char* kJsonType = "application/json";
inline constexpr const char* kBotPath = "/telegram/bot123456:ABC-def_ghi/sendMessage";

}  // namespace flowc::sandbox::testing
