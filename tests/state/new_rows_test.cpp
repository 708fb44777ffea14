// "New rows exactly once" across runs, whatever happens to the sheet between them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "runtime/state/state_store.hpp"
#include "tests/state/simulated_flow.hpp"
#include "tests/state/state_test_support.hpp"

namespace flowc::runtime::state {
namespace {

using testing::columns;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::ScratchDir;
using testing::sheet;
using testing::SimulatedFlow;

const Columns kOrders = columns({"id", "product", "qty"});
const std::vector<std::string> kA = {"A", "tea", "1"};
const std::vector<std::string> kB = {"B", "cup", "2"};
const std::vector<std::string> kC = {"C", "pot", "1"};
const std::vector<std::string> kD = {"D", "jar", "5"};
const std::vector<std::string> kX = {"X", "lid", "3"};

// Every scenario holds with content identity and with a key column.
class NewRows : public ::testing::TestWithParam<std::optional<std::string>> {
 protected:
  ScratchDir dir;
  StateStore store{dir.db(), StateOptions{.durability = Durability::normal}};
  SimulatedFlow flow{store, GetParam()};
};

TEST_P(NewRows, FirstRunSendsEveryRowThenNothingIsNew) {
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kB})), ElementsAre("A", "B"));
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kB})), IsEmpty());
}

TEST_P(NewRows, AppendedRowsAreNew) {
  flow.run(sheet(kOrders, {kA, kB}));
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kB, kC, kD})), ElementsAre("C", "D"));
}

TEST_P(NewRows, ARowInsertedInTheMiddleIsTheOnlyNewOne) {
  flow.run(sheet(kOrders, {kA, kB, kC}));
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kX, kB, kC})), ElementsAre("X"));
}

TEST_P(NewRows, DeletedRowsLeaveTheOthersHandled) {
  flow.run(sheet(kOrders, {kA, kB, kC}));
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kC})), IsEmpty());
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kC, kD})), ElementsAre("D"));
}

TEST_P(NewRows, ResortingMakesNothingNew) {
  flow.run(sheet(kOrders, {kA, kB, kC}));
  EXPECT_THAT(flow.run(sheet(kOrders, {kC, kA, kB})), IsEmpty());
}

TEST_P(NewRows, ReorderedColumnsMakeNothingNew) {
  flow.run(sheet(kOrders, {kA, kB}));
  const Columns reordered = columns({"qty", "id", "product"});
  EXPECT_THAT(flow.run(sheet(reordered, {{"1", "A", "tea"}, {"2", "B", "cup"}})), IsEmpty());
}

TEST_P(NewRows, FlowsKeepSeparateBooks) {
  flow.run(sheet(kOrders, {kA, kB}));
  SimulatedFlow other(store, GetParam(), false, "invoices");
  EXPECT_THAT(other.run(sheet(kOrders, {kA, kB})), ElementsAre("A", "B"));
}

TEST_P(NewRows, SeededRowsAreNotSent) {
  RowIdentifier identifier(GetParam());
  std::vector<RowId> seeded;
  for (const Row& row : sheet(kOrders, {kA, kB})) seeded.push_back(identifier.identify(row));
  store.seed(flow.flow, seeded);
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kB, kC})), ElementsAre("C"));
}

std::string identity_kind(const ::testing::TestParamInfo<std::optional<std::string>>& param) {
  return param.param ? "key" : "content";
}

INSTANTIATE_TEST_SUITE_P(ByContentAndByKey, NewRows, ::testing::Values(std::nullopt, std::optional<std::string>("id")),
                         identity_kind);

class NewRowsEdits : public ::testing::Test {
 protected:
  ScratchDir dir;
  StateStore store{dir.db(), StateOptions{.durability = Durability::normal}};
  const std::vector<std::string> kEditedB = {"B", "cup", "20"};
};

TEST_F(NewRowsEdits, WithoutAKeyAnEditedRowIsANewRow) {
  SimulatedFlow flow(store);
  flow.run(sheet(kOrders, {kA, kB}));
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kEditedB})), ElementsAre("B"));
}

TEST_F(NewRowsEdits, WithAKeyAnEditIsIgnoredUnlessChangedIsOn) {
  SimulatedFlow flow(store, "id");
  flow.run(sheet(kOrders, {kA, kB}));
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kEditedB})), IsEmpty());
}

TEST_F(NewRowsEdits, WithChangedOnAnEditedRowIsSentOnceAgain) {
  SimulatedFlow flow(store, "id", /*changed_rows_are_new=*/true);
  flow.run(sheet(kOrders, {kA, kB}));
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kEditedB})), ElementsAre("B"));
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kEditedB})), IsEmpty());
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kB})), ElementsAre("B"));  // edited back: changed again
}

TEST(NewRowsDuplicates, IdenticalRowsAreEachSentOnce) {
  ScratchDir dir;
  StateStore store(dir.db(), StateOptions{.durability = Durability::normal});
  SimulatedFlow flow(store);
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kA})), ElementsAre("A", "A"));
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kA})), IsEmpty());
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kB, kA, kA})), ElementsAre("B", "A"));  // B and a third A
  EXPECT_THAT(flow.run(sheet(kOrders, {kA, kA})), IsEmpty());                      // copies deleted: nothing new
}

}  // namespace
}  // namespace flowc::runtime::state
