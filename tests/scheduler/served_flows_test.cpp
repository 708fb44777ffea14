// ServedFlows, what `flowc serve` serves, with a loader the test controls: files found under
// folders, the last good version of a file that stops loading, refused duplicate names and
// `after` cycles, and the notes each gives.
#include "runtime/scheduler/served_flows.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>

#include "tests/support/flow_fixture.hpp"

namespace flowc::runtime::scheduler {
namespace {

using flowc::testing::TempDir;

ir::Schedule every_minute() {
  ir::Schedule s;
  s.kind = ir::Schedule::Kind::Every;
  s.every_millis = 60'000;
  return s;
}

ir::Schedule after(const std::string& flow) {
  ir::Schedule s;
  s.kind = ir::Schedule::Kind::After;
  s.after = flow;
  return s;
}

ir::Flow flow_named(const std::string& name, std::vector<ir::Schedule> schedules) {
  ir::Flow flow;
  flow.name = name;
  flow.schedules = std::move(schedules);
  return flow;
}

// A loader reading from `flows` (a missing entry: the file does not load), and the notes given.
struct Fixture {
  TempDir dir;
  std::map<std::string, ir::Flow> flows;
  std::vector<ServedNote> notes;
  // A served file of the folder, which loads as `flow`.
  void add(const std::string& file, ir::Flow flow) {
    dir.write(file, "");
    flows.emplace(file, std::move(flow));
  }
  // What serving the fixture's folder gives.
  ServedFlows served() {
    return ServedFlows(
        {dir.path().string()},
        [this](const std::string& file) -> std::optional<ir::Flow> {
          const auto found = flows.find(std::filesystem::path(file).filename().string());
          if (found == flows.end()) return std::nullopt;
          return found->second;
        },
        [this](const ServedNote& note) { notes.push_back(note); });
  }
  bool noted(const std::string& text) const {
    return std::ranges::any_of(notes, [&](const ServedNote& n) { return n.message.find(text) != std::string::npos; });
  }
};

TEST(ServedFiles, EveryFlowUnderAFolderSortedAndFilesAsGiven) {
  TempDir dir;
  dir.write("b.flow", "");
  dir.write("a.flow", "");
  dir.write("notes.txt", "");
  const auto files = served_files({dir.path().string(), "/elsewhere/c.flow"});
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].filename(), "a.flow");
  EXPECT_EQ(files[1].filename(), "b.flow");
  EXPECT_EQ(files[2], "/elsewhere/c.flow");
}

TEST(ServedFiles, TheFingerprintChangesWhenAFileIsAdded) {
  TempDir dir;
  dir.write("a.flow", "");
  const std::string before = served_fingerprint({dir.path().string()});
  EXPECT_EQ(served_fingerprint({dir.path().string()}), before);
  dir.write("b.flow", "");
  EXPECT_NE(served_fingerprint({dir.path().string()}), before);
}

TEST(ServedFlows, AFileThatStopsLoadingKeepsItsLastGoodVersion) {
  Fixture fixture;
  fixture.add("a.flow", flow_named("a", {every_minute()}));
  ServedFlows served = fixture.served();
  ASSERT_TRUE(served.load());
  fixture.flows.clear();  // the file is broken now
  const std::optional<FlowSet> reloaded = served.load();
  ASSERT_TRUE(reloaded);
  ASSERT_EQ(reloaded->size(), 1u);
  EXPECT_EQ((*reloaded)[0]->name, "a");
  EXPECT_TRUE(fixture.noted("still serving the version of flow \"a\""));
}

TEST(ServedFlows, TwoFilesOfOneNameServeTheFirstAndReportTheSecond) {
  Fixture fixture;
  fixture.add("a.flow", flow_named("same", {every_minute()}));
  fixture.add("b.flow", flow_named("same", {every_minute()}));
  const std::optional<FlowSet> flows = fixture.served().load();
  ASSERT_TRUE(flows);
  EXPECT_EQ(flows->size(), 1u);
  ASSERT_FALSE(fixture.notes.empty());
  EXPECT_TRUE(fixture.notes[0].error);
  EXPECT_NE(fixture.notes[0].file.find("b.flow"), std::string::npos);
  EXPECT_TRUE(fixture.noted("also defined in"));
  EXPECT_TRUE(fixture.noted("serving the valid flows"));
}

TEST(ServedFlows, AnAfterCycleServesNothing) {
  Fixture fixture;
  fixture.add("a.flow", flow_named("a", {after("b")}));
  fixture.add("b.flow", flow_named("b", {after("a")}));
  EXPECT_FALSE(fixture.served().load());
  EXPECT_TRUE(fixture.noted("`schedule after` forms a cycle"));
}

TEST(ServedFlows, NothingToServeWithoutAScheduleOrAnyFile) {
  Fixture fixture;
  EXPECT_FALSE(fixture.served().load());
  EXPECT_TRUE(fixture.noted("no .flow files in"));
  fixture.add("a.flow", flow_named("a", {}));
  EXPECT_FALSE(fixture.served().load());
  EXPECT_TRUE(fixture.noted("has no schedule line"));
  EXPECT_TRUE(fixture.noted("no flow has a schedule line to serve"));
}

}  // namespace
}  // namespace flowc::runtime::scheduler
