// End-to-end runs of a flow that copies the rows of a CSV file into another CSV file, through
// the flowc binary as a user runs it: what each run copied shows which rows it sent.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {

class RowsRun : public ::testing::Test {
 protected:
  // The flow reads in.csv with `source_fields` added to its source, and appends each row's
  // `columns` (by default its `id` and `name`) to out.csv.
  void write_flow(const std::string& source_fields,
                  const std::string& columns = "columns.id = row.id  columns.name = row.name") {
    flow_ = dir_.write("rows.flow", fmt::format(R"(flow "rows-test"
account files = csv {{}}
source row = files.new_rows {{ path = "in.csv" {} }}
send files.append_row {{ path = "out.csv"  {} }}
)",
                                                 source_fields, columns));
  }

  std::string state_path() const { return (dir_.path() / "state.db").string(); }

  void write_csv(const std::string& bytes) { dir_.write("in.csv", bytes); }

  CommandResult flowc(const std::string& command, const std::string& arguments = "") {
    return run_flowc(fmt::format("{} {} --state {} {}", command, flow_, state_path(), arguments));
  }

  // What the runs so far appended ("" when nothing was).
  std::string copied() const {
    std::ifstream file(dir_.path() / "out.csv", std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
  }

  TempDir dir_;
  std::string flow_;
};

}  // namespace flowc::testing
