// SGEMM micro-benchmarks on shapes of resnet50 (conv as GEMM), mobilenet_v2 and the BERT-like encoder.
// Arguments: M, N, K, ISA (0 generic, 1 avx2, 2 avx512), threads, operand packing (0 none, 1 A, 2 B).
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <vector>

#include "core/thread_pool.h"
#include "kernels/gemm/gemm.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

std::vector<float> Random(int64_t n) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

void BM_Sgemm(benchmark::State& state) {
  const int64_t m = state.range(0), n = state.range(1), k = state.range(2);
  const KernelTable* table = KernelTableFor(static_cast<Isa>(state.range(3)));
  if (table == nullptr) return state.SkipWithError("ISA not supported by this CPU");
  ThreadPool pool(static_cast<int>(state.range(4)));
  const int packing = static_cast<int>(state.range(5));
  GemmOptions options;
  options.pool = &pool;
  options.kernels = table;
  std::vector<float> a = Random(m * k), b = Random(k * n), c(m * n);
  PackedMatrix pa, pb;
  if (packing == 1) pa = PackA(false, m, k, a.data(), k, options);
  if (packing == 2) pb = PackB(false, k, n, b.data(), n, options);
  Epilogue e;
  for (auto _ : state) {
    if (packing == 1) {
      GemmPackedA(pa, false, m, n, k, 1.0f, b.data(), n, 0.0f, c.data(), n, e, options);
    } else if (packing == 2) {
      GemmPacked(false, m, n, k, 1.0f, a.data(), k, pb, 0.0f, c.data(), n, e, options);
    } else {
      Gemm(false, false, m, n, k, 1.0f, a.data(), k, b.data(), n, 0.0f, c.data(), n, e, options);
    }
    benchmark::ClobberMemory();
  }
  state.counters["GFLOPS"] =
      benchmark::Counter(2.0 * m * n * k, benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
  state.SetLabel(IsaName(table->isa));
}

void GemmShapes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"M", "N", "K", "isa", "thr", "pack"});
  const int64_t shapes[][3] = {
      {256, 196, 2304},  // resnet50 layer4 3x3 (as Cout x HW x Cin*9)
      {64, 3136, 576},   // resnet50 layer1 3x3
      {1024, 196, 256},  // resnet50 layer3 1x1 expand
      {128, 256, 256},   // BERT-like: seq 128, d 256 (as M x N x K)
      {512, 1024, 128},  // BERT-like FFN
      {128, 1024, 256},  // BERT-like FFN up, seq x 4d x d
      {1024, 1024, 1024},
      {512, 49, 4608},   // resnet50 layer4 3x3: weights stream from memory (N small)
      {2048, 49, 512},   // resnet50 layer4 1x1 expand
  };
  for (const auto& s : shapes) {
    for (int isa : {2, 1, 0}) {
      for (int thr : {1, 2}) {
        if (isa == 0 && s[0] * s[1] * s[2] > 100000000) continue;
        b->Args({s[0], s[1], s[2], isa, thr, 1});
      }
    }
  }
}

BENCHMARK(BM_Sgemm)->Apply(GemmShapes)->UseRealTime()->MinTime(0.2);

}  // namespace
}  // namespace parity::rt
