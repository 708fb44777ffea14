#include "runtime/scheduler/served_flows.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "runtime/scheduler/scheduler.hpp"

namespace flowc::runtime::scheduler {

namespace fs = std::filesystem;

std::vector<fs::path> served_files(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      files.emplace_back(path);
      continue;
    }
    std::vector<fs::path> found;
    for (const auto& entry :
         fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, error)) {
      if (entry.is_regular_file(error) && entry.path().extension() == ".flow") found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::string served_fingerprint(const std::vector<std::string>& paths) {
  std::string text;
  for (const fs::path& file : served_files(paths)) {
    std::error_code error;
    const auto written = fs::last_write_time(file, error);
    text += fmt::format("{}:{};", file.string(), error ? -1 : written.time_since_epoch().count());
  }
  return text;
}

ServedFlows::ServedFlows(std::vector<std::string> paths, Loader load, Reporter report)
    : paths_(std::move(paths)), load_(std::move(load)), report_(std::move(report)) {}

std::optional<FlowSet> ServedFlows::load() {
  const std::vector<fs::path> files = served_files(paths_);
  if (files.empty()) {
    report_({true, {}, fmt::format("no .flow files in {}", fmt::join(paths_, ", "))});
    return std::nullopt;
  }
  FlowSet flows;
  std::map<std::string, std::string> file_of_flow;
  bool errors = false;
  for (const fs::path& path : files) {
    const std::string file = path.string();
    std::shared_ptr<const ir::Flow> flow;
    if (std::optional<ir::Flow> loaded = load_(file)) {
      flow = std::make_shared<const ir::Flow>(std::move(*loaded));
      last_good_[file] = flow;
    } else if (const auto previous = last_good_.find(file); previous != last_good_.end()) {
      flow = previous->second;
      report_({false, file, fmt::format("still serving the version of flow \"{}\" that compiled before", flow->name)});
    } else {
      errors = true;
      continue;
    }
    // Two files of one name would share state and lock: refuse rather than guess.
    const auto [earlier, added] = file_of_flow.emplace(flow->name, file);
    if (!added) {
      report_({true, file,
               fmt::format("flow \"{}\" is also defined in {}; flow names must differ", flow->name, earlier->second)});
      errors = true;
      continue;
    }
    if (flow->schedules.empty()) {
      report_({false, file, fmt::format("flow \"{}\" has no schedule line; it runs only with `flowc run`", flow->name)});
    }
    flows.push_back(flow);
  }
  std::vector<ScheduledFlow> scheduled;
  for (const auto& flow : flows) scheduled.push_back({flow->name, flow->schedules});
  const std::vector<std::string> cycles = after_cycles(scheduled);
  for (const std::string& cycle : cycles) {
    report_({true, {}, fmt::format("`schedule after` forms a cycle: {}; these flows would run one another forever", cycle)});
  }
  if (!cycles.empty()) return std::nullopt;
  const bool any_scheduled = std::ranges::any_of(flows, [](const auto& flow) { return !flow->schedules.empty(); });
  if (!any_scheduled) {
    report_({true, {}, fmt::format("{} to serve", errors ? "no valid flow" : "no flow has a schedule line")});
    return std::nullopt;
  }
  if (errors) report_({false, {}, "serving the valid flows; the others are left out until fixed"});
  return flows;
}

}  // namespace flowc::runtime::scheduler
