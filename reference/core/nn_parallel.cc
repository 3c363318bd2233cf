#include "core/nn_parallel.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

#include "core/dgemm.h"

namespace parity::ref {

int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

void ParallelFor(int64_t count, int threads, int64_t min_chunk, const std::function<void(int64_t, int64_t)>& fn) {
  if (count <= 0) return;
  const int64_t by_size = std::max<int64_t>(1, count / std::max<int64_t>(1, min_chunk));
  const int64_t parts = std::min<int64_t>(ResolveThreads(threads), by_size);
  if (parts <= 1) {
    fn(0, count);
    return;
  }
  std::vector<std::thread> workers;
  std::vector<std::exception_ptr> errors(parts);
  auto run = [&](int64_t p) {
    try {
      fn(count * p / parts, count * (p + 1) / parts);
    } catch (...) {
      errors[p] = std::current_exception();
    }
  };
  for (int64_t p = 1; p < parts; ++p) workers.emplace_back(run, p);
  run(0);
  for (auto& w : workers) w.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

void ParallelDGemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, double alpha, const double* a,
                   int64_t lda, const double* b, int64_t ldb, double beta, double* c, int64_t ldc, int threads) {
  // Below ~2 MFLOP the threads cost more than they save.
  const bool big = static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k) >= 1e6;
  const int t = big ? ResolveThreads(threads) : 1;
  if (t <= 1) {
    DGemm(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, 1);
    return;
  }
  if (n >= 64 * t || n >= m) {
    // Column chunks (multiples of 8 keep the kernels' vector tails rare): B's and C's columns move.
    ParallelFor((n + 7) / 8, t, 1, [&](int64_t lo, int64_t hi) {
      const int64_t c0 = lo * 8, c1 = std::min(n, hi * 8);
      const double* bp = trans_b ? b + c0 * ldb : b + c0;
      DGemm(trans_a, trans_b, m, c1 - c0, k, alpha, a, lda, bp, ldb, beta, c + c0, ldc, 1);
    });
  } else {
    ParallelFor(m, t, 8, [&](int64_t r0, int64_t r1) {
      const double* ap = trans_a ? a + r0 : a + r0 * lda;
      DGemm(trans_a, trans_b, r1 - r0, n, k, alpha, ap, lda, b, ldb, beta, c + r0 * ldc, ldc, 1);
    });
  }
}

}  // namespace parity::ref
