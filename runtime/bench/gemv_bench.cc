// Small-M SGEMM with pre-packed weights: the classifier layers of CNNs at batch 1 (mobilenet_v2's 1280 -> 1000
// Gemm, resnet50's 2048 -> 1000 fc), which stream the whole weight matrix once per call.
// Arguments: M, N, K, ISA (0 generic, 1 avx2, 2 avx512), threads, cold (weights evicted before each call). B is packed
// from its transpose (N x K), as a Gemm with transB = 1 does. Run with --benchmark_repetitions=N: the "min" aggregate
// is the figure to compare on a noisy machine.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <random>
#include <vector>

#include "core/thread_pool.h"
#include "kernels/gemm/gemm.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

// Larger than the part of L3 one core gets here (measured: 5 MB stay cached next to 32 MB of other data).
constexpr size_t kEvictWords = size_t{128} << 20 >> 2;

std::vector<float> Random(int64_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

void BM_SgemvPacked(benchmark::State& state) {
  const int64_t m = state.range(0), n = state.range(1), k = state.range(2);
  const KernelTable* table = KernelTableFor(static_cast<Isa>(state.range(3)));
  if (table == nullptr) return state.SkipWithError("ISA not supported by this CPU");
  ThreadPool pool(static_cast<int>(state.range(4)));
  GemmOptions options;
  options.pool = &pool;
  options.kernels = table;
  std::vector<float> a = Random(m * k, 1), b = Random(n * k, 2), bias = Random(n, 3), c(m * n);
  const PackedMatrix pb = PackB(/*trans_b=*/true, k, n, b.data(), k, options);
  Epilogue e;
  e.bias_kind = BiasKind::kPerColumn;
  e.bias = bias.data();
  // cold: the weights are evicted to memory before each call, as between two inferences of a whole model; else
  // they stay in the caches (L2 / L3) from the previous call.
  const bool cold = state.range(5) != 0;
  std::vector<uint32_t> evict(cold ? kEvictWords : 0, 1);
  uint32_t sink = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < evict.size(); i += 16) sink += evict[i];  // one word per cache line
    const auto start = std::chrono::steady_clock::now();
    GemmPacked(false, m, n, k, 1.0f, a.data(), k, pb, 0.0f, c.data(), n, e, options);
    benchmark::ClobberMemory();
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  benchmark::DoNotOptimize(sink);
  state.counters["GB/s"] =
      benchmark::Counter(4.0 * n * k, benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
  state.SetLabel(IsaName(table->isa));
}

void GemvShapes(benchmark::internal::Benchmark* b, int cold, std::initializer_list<int> isas) {
  b->ArgNames({"M", "N", "K", "isa", "thr", "cold"});
  for (int64_t k : {1280, 2048}) {  // mobilenet_v2 and resnet50 classifiers
    for (int64_t m : {1, 2, 4}) {
      for (int isa : isas) {
        for (int thr : {1, 2}) b->Args({m, 1000, k, isa, thr, cold});
      }
    }
  }
}

double Min(const std::vector<double>& v) {
  return *std::min_element(v.begin(), v.end());
}

// Warm weights on every ISA; cold ones (each iteration also streams the eviction buffer) on the vector ISAs.
BENCHMARK(BM_SgemvPacked)
    ->Apply([](benchmark::internal::Benchmark* b) {
      GemvShapes(b, 0, {2, 1, 0});
    })
    ->UseManualTime()
    ->MinTime(0.05)
    ->ComputeStatistics("min", Min);
BENCHMARK(BM_SgemvPacked)
    ->Apply([](benchmark::internal::Benchmark* b) {
      GemvShapes(b, 1, {2, 1});
    })
    ->UseManualTime()
    ->MinTime(0.01)
    ->ComputeStatistics("min", Min);

}  // namespace
}  // namespace parity::rt
