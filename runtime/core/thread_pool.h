// A fixed-size thread pool for data-parallel loops in kernels.
//
// ThreadPool(threads) starts threads-1 workers; the thread that calls ParallelFor is the remaining participant,
// so a pool of 1 starts no thread and no loop ever keeps more than `threads` threads busy. Idle workers spin
// for a short, bounded time (so back-to-back loops of an inference run start fast) and then sleep on a
// condition variable. While a Hold is taken (an inference run is in progress) they do not sleep, and taking
// it wakes sleeping workers: the wake-up (tens of microseconds) overlaps the run's first steps instead of
// delaying its first parallel loop.
//
// Threading: ParallelFor may be called from any thread. Only one loop runs on the pool at a time; a call made
// while the pool is busy (from another thread, or nested inside a loop body) runs the whole range inline on
// the calling thread, which keeps it correct and deadlock-free. Loop bodies must not throw.
#ifndef PARITY_RUNTIME_CORE_THREAD_POOL_H_
#define PARITY_RUNTIME_CORE_THREAD_POOL_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace parity::rt {

// Non-owning reference to a callable `void(int64_t begin, int64_t end)`; cheaper than std::function (no
// allocation). The callable must outlive the call it is passed to.
class RangeFnRef {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, RangeFnRef>>>
  RangeFnRef(F&& f)  // NOLINT(google-explicit-constructor): implicit by design, like std::function_ref
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, int64_t b, int64_t e) { (*static_cast<std::remove_reference_t<F>*>(o))(b, e); }) {}
  void operator()(int64_t begin, int64_t end) const { call_(object_, begin, end); }

 private:
  void* object_;
  void (*call_)(void*, int64_t, int64_t);
};

enum class Schedule {
  kStatic,   // [0, n) split into min(n, threads) contiguous near-equal chunks; chunk t always goes to thread t
  kDynamic,  // chunks of `grain` indices claimed in order by whichever thread is free
};

class ThreadPool {
 public:
  // threads >= 1 (values below 1 are treated as 1). spin_us: how long an idle worker polls before sleeping.
  explicit ThreadPool(int threads, int spin_us = 100);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int NumThreads() const { return num_threads_; }

  // Keeps the workers awake and spinning from construction to destruction (an inference run); nestable.
  class Hold {
   public:
    explicit Hold(ThreadPool* pool) : pool_(pool && pool->num_threads_ > 1 ? pool : nullptr) {
      if (pool_) pool_->Acquire();
    }
    ~Hold() {
      if (pool_) pool_->holds_.fetch_sub(1, std::memory_order_relaxed);
    }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    ThreadPool* pool_;
  };

  // Calls fn(begin, end) over disjoint sub-ranges covering [0, n) and returns when all have finished.
  // With kStatic the partition depends only on n and NumThreads() (deterministic). grain is used by kDynamic.
  void ParallelFor(int64_t n, RangeFnRef fn, Schedule schedule = Schedule::kStatic, int64_t grain = 1);

 private:
  void WorkerLoop(int worker_index);
  void RunShare(int participant);
  void RunInline(int64_t n, RangeFnRef fn) { fn(0, n); }
  void Acquire();

  const int num_threads_;
  const int spin_us_;
  std::vector<std::thread> workers_;

  std::mutex run_mutex_;  // held by the thread driving the current loop
  std::mutex sleep_mutex_;
  std::condition_variable wake_cv_;
  int sleepers_ = 0;  // guarded by sleep_mutex_
  std::atomic<bool> stop_{false};

  // Current job; written by the driving thread before generation_ is bumped.
  const RangeFnRef* job_fn_ = nullptr;
  int64_t job_n_ = 0;
  int64_t job_grain_ = 1;
  bool job_dynamic_ = false;
  alignas(64) std::atomic<uint64_t> generation_{0};
  alignas(64) std::atomic<int64_t> next_index_{0};
  alignas(64) std::atomic<int> pending_{0};
  alignas(64) std::atomic<int> holds_{0};
};

// Runs fn over [0, n): through `pool` when it is non-null and has more than one thread, else inline.
inline void ParallelForOrInline(ThreadPool* pool, int64_t n, RangeFnRef fn) {
  if (n <= 0) return;
  if (pool == nullptr || pool->NumThreads() <= 1) {
    fn(0, n);
    return;
  }
  pool->ParallelFor(n, fn);
}

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_CORE_THREAD_POOL_H_
