// One run at a time per flow: between objects, stores and processes.
#include "runtime/state/run_lock.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/state/state_store.hpp"
#include "tests/state/state_test_support.hpp"

namespace flowc::runtime::state {
namespace {

using testing::ScratchDir;

TEST(RunLock, TwoStoresOnOneDatabaseExcludeEachOther) {
  ScratchDir dir;
  StateStore first(dir.db());
  StateStore second(dir.db());
  RunLock held = first.run_lock("orders");
  RunLock wanted = second.run_lock("orders");
  ASSERT_TRUE(held.try_lock());
  EXPECT_TRUE(held.owns_lock());

  LockHolder holder;
  EXPECT_FALSE(wanted.try_lock(&holder));
  EXPECT_FALSE(wanted.owns_lock());
  EXPECT_EQ(holder.pid, ::getpid());
  EXPECT_FALSE(holder.since.empty());

  held.unlock();
  EXPECT_TRUE(wanted.try_lock());
}

TEST(RunLock, FlowsLockIndependently) {
  ScratchDir dir;
  RunLock orders(dir.path(), "orders");
  RunLock invoices(dir.path(), "invoices");
  EXPECT_TRUE(orders.try_lock());
  EXPECT_TRUE(invoices.try_lock());
}

TEST(RunLock, DestroyingOrMovingAwayReleases) {
  ScratchDir dir;
  RunLock contender(dir.path(), "orders");
  {
    RunLock held(dir.path(), "orders");
    ASSERT_TRUE(held.try_lock());
    RunLock moved = std::move(held);
    EXPECT_TRUE(moved.owns_lock());
    EXPECT_FALSE(contender.try_lock());
  }
  EXPECT_TRUE(contender.try_lock());
}

TEST(RunLock, AnyFlowNameMapsToASafeDistinctFile) {
  const std::filesystem::path dir = "/locks";
  const auto odd = RunLock::lock_file(dir, "orders: update / create \"now\"");
  EXPECT_EQ(odd.parent_path(), dir);
  EXPECT_EQ(odd.filename().string().find('/'), std::string::npos);
  EXPECT_NE(RunLock::lock_file(dir, "a/b"), RunLock::lock_file(dir, "a_b"));  // same slug, different hash
}

// Blocks until the child writes one byte on `pipe_read`.
void wait_for_child(int pipe_read) {
  char byte = 0;
  ASSERT_EQ(::read(pipe_read, &byte, 1), 1);
}

TEST(RunLock, AnotherProcessHoldsItUntilItDiesEvenByKill9) {
  ScratchDir dir;
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    RunLock held(dir.path(), "orders");
    if (!held.try_lock()) ::_exit(1);
    [[maybe_unused]] const auto written = ::write(ready[1], "x", 1);
    ::pause();  // hold the lock until killed
    ::_exit(0);
  }
  wait_for_child(ready[0]);

  RunLock wanted(dir.path(), "orders");
  LockHolder holder;
  EXPECT_FALSE(wanted.try_lock(&holder));
  EXPECT_EQ(holder.pid, child);

  ::kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(wanted.try_lock());  // the kernel dropped the dead holder's lock
  ::close(ready[0]);
  ::close(ready[1]);
}

TEST(RunLock, LockWaitsForTheHolderToFinish) {
  ScratchDir dir;
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    RunLock held(dir.path(), "orders");
    held.lock();
    [[maybe_unused]] const auto written = ::write(ready[1], "x", 1);
    ::usleep(100'000);
    ::_exit(0);  // exiting releases the lock
  }
  wait_for_child(ready[0]);
  RunLock waiting(dir.path(), "orders");
  EXPECT_FALSE(waiting.try_lock());
  waiting.lock();
  EXPECT_TRUE(waiting.owns_lock());
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(ready[0]);
  ::close(ready[1]);
}

}  // namespace
}  // namespace flowc::runtime::state
