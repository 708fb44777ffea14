// Helpers for tests that compile a flow from text and run it: temp files, compilation that
// fails the test with the rendered diagnostics, and an observer that records row outcomes.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <unistd.h>

#include <fmt/format.h>

#include "compiler/compile.hpp"
#include "runtime/interpreter/interpreter.hpp"
#include "tests/support/temp_dir.hpp"

namespace flowc::testing {

// Compiles `text`; a flow with errors fails the test and shows the diagnostics.
// The start of a flow named `name` that reads the CSV file `csv` and has an http account `api` at
// `base_url`: the test adds its sends and settings.
inline std::string csv_to_http_flow(const std::string& name, const std::string& base_url, const std::string& csv) {
  return fmt::format(R"(flow "{}"
account files = csv {{}}
account api = http {{ base_url = "{}" }}
source row = files.new_rows {{ path = "{}" }}
)",
                     name, base_url, csv);
}

inline ir::Flow compile_or_fail(const std::string& text, const std::string& path = "test.flow") {
  CompileResult result = compile_source(path, text);
  if (!result.flow) {
    ADD_FAILURE() << "flow does not compile:\n" << render_text(result.source, result.diagnostics.items());
    return {};
  }
  return std::move(*result.flow);
}

// Records, per row number, each send's result / status / errors.
class RecordingObserver : public runtime::RunObserver {
 public:
  struct SendRecord {
    std::string result;
    int status = 0;
    std::string errors;
  };
  explicit RecordingObserver(const ir::Flow& flow) : flow_(flow) {}

  void on_row_done(const runtime::RowOutcome& outcome) override {
    std::lock_guard lock(mutex_);
    auto& sends = rows[outcome.row->number];
    collect(flow_.steps, *outcome.sends, sends);
    if (!outcome.error.empty()) row_errors[outcome.row->number] = outcome.error;
  }

  std::map<std::uint64_t, std::map<std::string, SendRecord>> rows;
  std::map<std::uint64_t, std::string> row_errors;

 private:
  void collect(const std::vector<ir::Step>& steps, const std::vector<runtime::SendState>& states,
               std::map<std::string, SendRecord>& out) {
    ir::for_each_send(steps, [&](const ir::Send& send) {
      const runtime::SendState& state = states[static_cast<std::size_t>(send.index)];
      out[send.name] = {runtime::send_result_name(state.result), state.status, state.errors};
    });
  }

  const ir::Flow& flow_;
  std::mutex mutex_;
};

}  // namespace flowc::testing
