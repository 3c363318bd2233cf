// ThreadPool: coverage, static determinism, caller participation, nesting; CPU features / dispatch.
#include "core/thread_pool.h"

#include <gtest/gtest.h>

#include <ctime>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/cpu_features.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt::test {
namespace {

TEST(ThreadPool, CoversEveryIndexExactlyOnce) {
  for (int threads : {1, 2, 3}) {
    ThreadPool pool(threads);
    for (Schedule schedule : {Schedule::kStatic, Schedule::kDynamic}) {
      for (int64_t n : {1, 2, 3, 7, 1000}) {
        std::vector<std::atomic<int>> hits(n);
        for (auto& h : hits) h = 0;
        pool.ParallelFor(
            n,
            [&](int64_t b, int64_t e) {
              for (int64_t i = b; i < e; ++i) hits[i]++;
            },
            schedule, 3);
        for (int64_t i = 0; i < n; ++i) ASSERT_EQ(hits[i].load(), 1) << "n=" << n << " i=" << i;
      }
    }
  }
}

TEST(ThreadPool, StaticPartitionIsDeterministicAndUsesCaller) {
  ThreadPool pool(2);
  const std::thread::id caller = std::this_thread::get_id();
  for (int rep = 0; rep < 50; ++rep) {
    std::mutex mu;
    std::vector<std::pair<int64_t, bool>> chunks;  // begin, ran on caller
    pool.ParallelFor(10, [&](int64_t b, int64_t e) {
      std::lock_guard<std::mutex> lock(mu);
      chunks.push_back({b, std::this_thread::get_id() == caller});
    });
    ASSERT_EQ(chunks.size(), 2u);
    for (auto [begin, on_caller] : chunks) EXPECT_EQ(on_caller, begin == 0);
  }
}

TEST(ThreadPool, SingleThreadRunsInlineOnCaller) {
  ThreadPool pool(1);
  const std::thread::id caller = std::this_thread::get_id();
  pool.ParallelFor(100, [&](int64_t b, int64_t e) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    EXPECT_EQ(b, 0);
    EXPECT_EQ(e, 100);
  });
}

TEST(ThreadPool, NestedCallsRunInline) {
  ThreadPool pool(2);
  std::atomic<int64_t> total{0};
  pool.ParallelFor(4, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      pool.ParallelFor(5, [&](int64_t b2, int64_t e2) { total += e2 - b2; });
    }
  });
  EXPECT_EQ(total.load(), 20);
}

TEST(ThreadPool, WakesAfterSleeping) {
  ThreadPool pool(2, /*spin_us=*/1);
  for (int rep = 0; rep < 3; ++rep) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::atomic<int64_t> total{0};
    pool.ParallelFor(2, [&](int64_t b, int64_t e) { total += e - b; });
    EXPECT_EQ(total.load(), 2);
  }
}

double ProcessCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

// CPU time the process burns while the calling thread sleeps for `ms`: the idle workers' share.
double IdleWorkerCpuMs(int ms) {
  const double start = ProcessCpuMs();
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  return ProcessCpuMs() - start;
}

// A Hold wakes sleeping workers and keeps them spinning (a run's parallel loops then start at once); released,
// they go back to sleep. Loops under nested holds still cover their ranges.
TEST(ThreadPool, HoldKeepsWorkersAwakeUntilReleased) {
  ThreadPool pool(2, /*spin_us=*/100);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_LT(IdleWorkerCpuMs(40), 20.0) << "workers spin without a hold";
  {
    ThreadPool::Hold hold(&pool);
    EXPECT_GT(IdleWorkerCpuMs(40), 20.0) << "the held worker slept";
    ThreadPool::Hold nested(&pool);
    std::atomic<int64_t> total{0};
    pool.ParallelFor(7, [&](int64_t b, int64_t e) { total += e - b; });
    EXPECT_EQ(total.load(), 7);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_LT(IdleWorkerCpuMs(40), 20.0) << "workers kept spinning after the hold ended";
  std::atomic<int64_t> total{0};
  pool.ParallelFor(3, [&](int64_t b, int64_t e) { total += e - b; });
  EXPECT_EQ(total.load(), 3);
}

TEST(CpuFeatures, ParseAndOrder) {
  EXPECT_EQ(ParseIsa("avx512"), Isa::kAvx512);
  EXPECT_EQ(ParseIsa("avx2"), Isa::kAvx2);
  EXPECT_EQ(ParseIsa("generic"), Isa::kGeneric);
  EXPECT_FALSE(ParseIsa("sse9").has_value());
  EXPECT_LE(static_cast<int>(ActiveIsa()), static_cast<int>(DetectedIsa()));
  EXPECT_NE(KernelTableFor(Isa::kGeneric), nullptr);
  EXPECT_EQ(ActiveKernelTable().isa, ActiveIsa());
  const char* env = std::getenv("PARITY_ISA");
  if (env != nullptr && ParseIsa(env).has_value() &&
      static_cast<int>(*ParseIsa(env)) <= static_cast<int>(DetectedIsa())) {
    EXPECT_EQ(ActiveIsa(), *ParseIsa(env));
  }
  if (DetectedIsa() == Isa::kAvx512) {
    EXPECT_TRUE(DetectedCpuFeatures().avx512f && DetectedCpuFeatures().avx512bw);
  }
}

}  // namespace
}  // namespace parity::rt::test
