#include "core/thread_pool.h"

#include <emmintrin.h>

#include <chrono>

namespace parity::rt {
namespace {

// Pool whose loop the current thread is executing, to run nested loops inline instead of deadlocking.
thread_local const ThreadPool* tls_active_pool = nullptr;

struct ActivePoolScope {
  explicit ActivePoolScope(const ThreadPool* pool) : saved(tls_active_pool) { tls_active_pool = pool; }
  ~ActivePoolScope() { tls_active_pool = saved; }
  const ThreadPool* saved;
};

// Chunk t of a static split of [0, n) into `parts` chunks.
void StaticChunk(int64_t n, int64_t parts, int64_t t, int64_t* begin, int64_t* end) {
  *begin = n * t / parts;
  *end = n * (t + 1) / parts;
}

}  // namespace

ThreadPool::ThreadPool(int threads, int spin_us) : num_threads_(threads < 1 ? 1 : threads), spin_us_(spin_us) {
  workers_.reserve(num_threads_ - 1);
  for (int i = 1; i < num_threads_; ++i) workers_.emplace_back([this, i] { WorkerLoop(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(sleep_mutex_);
    stop_.store(true, std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_cv_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void ThreadPool::RunShare(int participant) {
  const RangeFnRef& fn = *job_fn_;
  if (!job_dynamic_) {
    const int64_t parts = job_n_ < num_threads_ ? job_n_ : num_threads_;
    if (participant >= parts) return;
    int64_t begin = 0, end = 0;
    StaticChunk(job_n_, parts, participant, &begin, &end);
    if (begin < end) fn(begin, end);
    return;
  }
  for (;;) {
    const int64_t begin = next_index_.fetch_add(job_grain_, std::memory_order_relaxed);
    if (begin >= job_n_) return;
    const int64_t end = begin + job_grain_ < job_n_ ? begin + job_grain_ : job_n_;
    fn(begin, end);
  }
}

void ThreadPool::ParallelFor(int64_t n, RangeFnRef fn, Schedule schedule, int64_t grain) {
  if (n <= 0) return;
  if (num_threads_ == 1 || n == 1 || tls_active_pool == this) return RunInline(n, fn);
  std::unique_lock<std::mutex> run_lock(run_mutex_, std::try_to_lock);
  if (!run_lock.owns_lock()) return RunInline(n, fn);

  job_fn_ = &fn;
  job_n_ = n;
  job_grain_ = grain < 1 ? 1 : grain;
  job_dynamic_ = schedule == Schedule::kDynamic;
  next_index_.store(0, std::memory_order_relaxed);
  pending_.store(num_threads_ - 1, std::memory_order_relaxed);
  generation_.fetch_add(1, std::memory_order_release);
  {
    // Taking the lock orders this wake-up after any worker's last check of generation_, so none is lost.
    std::lock_guard<std::mutex> lock(sleep_mutex_);
    if (sleepers_ > 0) wake_cv_.notify_all();
  }
  {
    ActivePoolScope scope(this);
    RunShare(0);
  }
  while (pending_.load(std::memory_order_acquire) != 0) _mm_pause();
  job_fn_ = nullptr;
}

void ThreadPool::Acquire() {
  if (holds_.fetch_add(1, std::memory_order_relaxed) != 0) return;
  // Taking the lock orders this wake-up after a sleeping worker's check of holds_, so none is lost.
  std::lock_guard<std::mutex> lock(sleep_mutex_);
  if (sleepers_ > 0) wake_cv_.notify_all();
}

void ThreadPool::WorkerLoop(int worker_index) {
  uint64_t seen = 0;
  for (;;) {
    // Spin first: inference issues many short loops back to back, and a futex wake costs tens of microseconds.
    auto spin_start = std::chrono::steady_clock::now();
    bool held = false;
    uint64_t gen = generation_.load(std::memory_order_acquire);
    for (int iter = 0; gen == seen; ++iter) {
      _mm_pause();
      if ((iter & 63) == 63) {
        const auto now = std::chrono::steady_clock::now();
        if (holds_.load(std::memory_order_relaxed) > 0) {
          held = true;
        } else if (held) {  // the run just ended: spin a little longer, in case the next one follows at once
          held = false;
          spin_start = now;
        } else if (now - spin_start > std::chrono::microseconds(spin_us_)) {
          std::unique_lock<std::mutex> lock(sleep_mutex_);
          ++sleepers_;
          wake_cv_.wait(lock, [&] {
            return generation_.load(std::memory_order_acquire) != seen || holds_.load(std::memory_order_relaxed) > 0;
          });
          --sleepers_;
          spin_start = std::chrono::steady_clock::now();
        }
      }
      gen = generation_.load(std::memory_order_acquire);
    }
    seen = gen;
    if (stop_.load(std::memory_order_relaxed)) return;
    {
      ActivePoolScope scope(this);
      RunShare(worker_index);
    }
    pending_.fetch_sub(1, std::memory_order_acq_rel);
  }
}

}  // namespace parity::rt
