// The running half of `flowc serve`: asks the Scheduler what is due, runs each due flow on a
// thread of its own (one run at a time per flow, different flows side by side), sleeps until the
// next tick, a run's end, a reload or a stop, and on stop lets rows in flight finish.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ir/ir.hpp"
#include "runtime/scheduler/scheduler.hpp"
#include "runtime/scheduler/serve_log.hpp"

namespace flowc::runtime {
class ConnectorSet;  // runtime/connector.hpp
}  // namespace flowc::runtime

namespace flowc::runtime::scheduler {

using FlowSet = std::vector<std::shared_ptr<const ir::Flow>>;

struct ServeOptions {
  const ConnectorSet* connectors = nullptr;  // every run's (RunOptions::connectors); required
  std::filesystem::path state;
  std::chrono::milliseconds stop_deadline{30'000};  // how long rows in flight may take after a stop
  std::chrono::milliseconds watch_interval{1'000};  // how often served files are checked for changes
  // Compiles the served files again (reporting their problems itself); nullopt keeps what runs now.
  std::function<std::optional<FlowSet>()> reload;
  // Names the served files and their modification times: a change means reload.
  std::function<std::string()> fingerprint;
};

class ServeLoop {
 public:
  ServeLoop(ServeOptions options, ServeLog& log);
  ~ServeLoop();
  ServeLoop(const ServeLoop&) = delete;
  ServeLoop& operator=(const ServeLoop&) = delete;

  // Serves `flows` until request_stop(). True when every run ended within the stop deadline;
  // false when some were still going (their rows are then found interrupted by the next run).
  bool run(FlowSet flows);

  // Thread-safe; meant for the thread that waits for signals.
  void request_stop();
  void request_reload();

 private:
  struct Ended {
    std::string flow;
    bool completed = false;
  };
  void install(FlowSet flows, TimePoint now);
  void handle(const std::vector<Event>& events);
  void start(const Event& event);
  bool execute(const ir::Flow& flow, const Event& event);  // on the run's thread; true: completed
  void collect_ended(std::unique_lock<std::mutex>& lock);
  bool files_changed();
  bool wait_for_runs(std::unique_lock<std::mutex>& lock);

  ServeOptions options_;
  ServeLog& log_;
  Scheduler scheduler_;
  std::map<std::string, std::shared_ptr<const ir::Flow>> flows_;
  std::map<std::string, std::thread> runs_;  // by flow: the thread of its run in progress
  std::vector<Ended> ended_;
  std::string fingerprint_;
  std::atomic<bool> stop_runs_{false};  // read by every run: read no new row
  bool stop_requested_ = false;
  bool reload_requested_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
};

}  // namespace flowc::runtime::scheduler
