// The environment of one flow test: the test file's `env`, test values for the other variables
// the flow reads, and proxy settings that keep any request not bound for the loopback stand-ins
// from leaving the machine. Everything the test set is put back when it ends.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ir/ir.hpp"
#include "tools/flowtest/spec.hpp"

namespace flowc::flowtest {

class TestEnv {
 public:
  TestEnv(const TestSpec& spec, const ir::Flow& flow);
  ~TestEnv();
  TestEnv(const TestEnv&) = delete;
  TestEnv& operator=(const TestEnv&) = delete;

 private:
  void set(const std::string& name, const std::string& value);

  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;  // name, value before
};

}  // namespace flowc::flowtest
