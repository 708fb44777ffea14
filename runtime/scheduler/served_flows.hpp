// What `flowc serve` serves: the files it was given (every *.flow under a folder), the flows they
// give, and what a change to them means. A file that stops compiling keeps serving its last good
// version; two files of one flow name, and `schedule after` cycles, are refused.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "runtime/scheduler/serve_loop.hpp"

namespace flowc::runtime::scheduler {

// Each file named, and every *.flow under each folder named (sorted), in the order given.
std::vector<std::filesystem::path> served_files(const std::vector<std::string>& paths);

// The served files and their modification times: a different text means the files changed.
std::string served_fingerprint(const std::vector<std::string>& paths);

// Something loading the served files found, for the person serving them.
struct ServedNote {
  bool error = false;  // else a note: serving goes on as it says
  std::string file;    // empty: about the set of flows, not one file
  std::string message;
};

class ServedFlows {
 public:
  // The flow of `file`; nullopt when it does not load (the loader tells why).
  using Loader = std::function<std::optional<ir::Flow>(const std::string& file)>;
  using Reporter = std::function<void(const ServedNote&)>;

  ServedFlows(std::vector<std::string> paths, Loader load, Reporter report);

  // Loads every served file; nullopt when nothing can be served (no file, no flow with a
  // schedule, or a cycle of `after` schedules).
  std::optional<FlowSet> load();

 private:
  std::vector<std::string> paths_;
  Loader load_;
  Reporter report_;
  // The flow each file gave when it last loaded, so that a reload that catches a file
  // half-edited (or broken) keeps serving its previous version instead of dropping it.
  std::map<std::string, std::shared_ptr<const ir::Flow>> last_good_;
};

}  // namespace flowc::runtime::scheduler
