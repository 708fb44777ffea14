// `flowc run --sandbox`: the built-in sandbox started in-process for one run, every account of
// the flow pointed at it, and missing credentials filled with harmless sandbox values, so a
// flow can be tried with no accounts and no network. Its csv accounts work in a temporary copy of
// their folders, so the user's files stay as they were.
#pragma once

#include <memory>
#include <string>

#include "ir/ir.hpp"
#include "runtime/interpreter/interpreter.hpp"
#include "tools/sandbox/files/csv_copies.hpp"
#include "tools/sandbox/sandbox.hpp"

namespace flowc::cli {

class SandboxRun {
 public:
  // Seeds from the `data/` folder beside the flow file when there is one.
  SandboxRun(const ir::Flow& flow, const std::string& flow_path, sandbox::Faults faults);

  // Points every account of the run at the sandbox, and csv accounts at their folders' copies.
  void configure(runtime::RunOptions& options) const;
  // What each stand-in service received, for the person who ran the flow.
  std::string report() const { return sandbox_->received_summary(); }
  std::string base_url() const;
  // Removes the copies of the csv folders now, for a run that ends at once (a second Ctrl-C).
  void discard_files() const { files_.remove(); }

 private:
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  sandbox::CsvFolderCopies files_;
};

}  // namespace flowc::cli
