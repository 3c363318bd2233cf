// Channel-blocked (NCHW16c) row kernels: depthwise convolution (mobilenet_v2 layers, 3x3 pad 1, Relu) and
// MaxPool (squeezenet / resnet50 layers), batch 1, every (block, row) of the layer per iteration. Compare
// BM_NchwcDepthwise with BM_Conv's mv2_dw* layers (NCHW depthwise planes) and BM_NchwcMaxPool with
// BM_MaxPoolPlane (the NCHW plane kernel on the same layer).
// Arguments: layer index (see kDwLayers / kPoolLayers), threads.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "kernels/conv/nchwc_ukernels.h"
#include "kernels/gemm/activation_kind.h"
#include "kernels/isa_dispatch.h"
#include "kernels/pool/pool_ukernels.h"

namespace parity::rt {
namespace {

struct DwLayer {
  const char* name;
  int64_t c, hw, k, stride;
};

constexpr DwLayer kDwLayers[] = {
    {"mv2_dw3x3_32_112", 32, 112, 3, 1},   {"mv2_dw3x3s2_96_112", 96, 112, 3, 2}, {"mv2_dw3x3_144_56", 144, 56, 3, 1},
    {"mv2_dw3x3s2_144_56", 144, 56, 3, 2}, {"mv2_dw3x3_192_28", 192, 28, 3, 1},   {"mv2_dw3x3_384_14", 384, 14, 3, 1},
    {"mv2_dw3x3s2_576_14", 576, 14, 3, 2}, {"mv2_dw3x3_960_7", 960, 7, 3, 1},     {"dw5x5_240_28", 240, 28, 5, 1},
    {"dw5x5s2_144_56", 144, 56, 5, 2},
};

struct PoolLayer {
  const char* name;
  int64_t c, hw, k, stride, pad;
  bool ceil;
};

constexpr PoolLayer kPoolLayers[] = {
    {"sq_pool1_64_111", 64, 111, 3, 2, 0, true},
    {"sq_pool3_128_55", 128, 55, 3, 2, 0, true},
    {"sq_pool5_256_27", 256, 27, 3, 2, 0, true},
    {"r50_pool_64_112", 64, 112, 3, 2, 1, false},
};

std::vector<float> Random(int64_t n) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

int64_t OutSize(int64_t in, int64_t k, int64_t s, int64_t pad, bool ceil) {
  const int64_t span = in + 2 * pad - k;
  int64_t out = (ceil ? (span + s - 1) / s : span / s) + 1;
  if (ceil && (out - 1) * s >= in + pad) --out;
  return out;
}

void BM_NchwcDepthwise(benchmark::State& state) {
  const DwLayer& l = kDwLayers[state.range(0)];
  const KernelTable* table = KernelTableFor(Isa::kAvx512);
  if (table == nullptr || table->conv.nchwc_depthwise_row == nullptr) return state.SkipWithError("no AVX-512 kernel");
  const NchwcDepthwiseRowFn fn = table->conv.nchwc_depthwise_row;
  ThreadPool pool(static_cast<int>(state.range(1)));
  const int64_t blocks = (l.c + kNchwcBlock - 1) / kNchwcBlock, pad = l.k / 2;
  const int64_t oh = OutSize(l.hw, l.k, l.stride, pad, false), ow = oh;
  const std::vector<float> x = Random(blocks * l.hw * l.hw * kNchwcBlock);
  const std::vector<float> w = Random(blocks * l.k * l.k * kNchwcBlock), bias = Random(blocks * kNchwcBlock);
  std::vector<float> y(blocks * oh * ow * kNchwcBlock);
  auto rows = [&](int64_t r0, int64_t r1) {
    NchwcDepthwiseRowArgs a{};
    a.out_w = ow;
    a.in_h = a.in_w = l.hw;
    a.kernel_h = a.kernel_w = l.k;
    a.stride_h = a.stride_w = l.stride;
    a.dilation_h = a.dilation_w = 1;
    a.pad_top = a.pad_left = pad;
    a.act = static_cast<int>(Activation::kRelu);
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t b = r / oh;
      a.oy = r % oh;
      a.x = x.data() + b * l.hw * l.hw * kNchwcBlock;
      a.w = w.data() + b * l.k * l.k * kNchwcBlock;
      a.bias = bias.data() + b * kNchwcBlock;
      a.y = y.data() + r * ow * kNchwcBlock;
      fn(&a);
    }
  };
  for (auto _ : state) {
    ParallelForOrInline(&pool, blocks * oh, rows);
    benchmark::ClobberMemory();
  }
  const double flops = 2.0 * l.c * oh * ow * l.k * l.k;
  state.counters["GFLOPS"] =
      benchmark::Counter(flops, benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
  state.counters["GBps"] = benchmark::Counter(
      4.0 * (x.size() + y.size()), benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
  state.SetLabel(l.name);
}

void BM_NchwcMaxPool(benchmark::State& state) {
  const PoolLayer& l = kPoolLayers[state.range(0)];
  const KernelTable* table = KernelTableFor(Isa::kAvx512);
  if (table == nullptr || table->pool.max_pool_nchwc_row == nullptr) return state.SkipWithError("no AVX-512 kernel");
  const PoolNchwcRowFn fn = table->pool.max_pool_nchwc_row;
  ThreadPool pool(static_cast<int>(state.range(1)));
  const int64_t blocks = (l.c + 15) / 16, oh = OutSize(l.hw, l.k, l.stride, l.pad, l.ceil), ow = oh;
  const std::vector<float> x = Random(blocks * l.hw * l.hw * 16);
  std::vector<float> y(blocks * oh * ow * 16);
  auto rows = [&](int64_t r0, int64_t r1) {
    PoolNchwcRowArgs a{};
    a.out_w = ow;
    a.in_h = a.in_w = l.hw;
    a.kernel_h = a.kernel_w = l.k;
    a.stride_h = a.stride_w = l.stride;
    a.dilation_h = a.dilation_w = 1;
    a.pad_top = a.pad_left = a.pad_bottom = a.pad_right = l.pad;
    for (int64_t r = r0; r < r1; ++r) {
      a.oy = r % oh;
      a.x = x.data() + (r / oh) * l.hw * l.hw * 16;
      a.y = y.data() + r * ow * 16;
      fn(&a);
    }
  };
  for (auto _ : state) {
    ParallelForOrInline(&pool, blocks * oh, rows);
    benchmark::ClobberMemory();
  }
  state.counters["GBps"] = benchmark::Counter(
      4.0 * (x.size() + y.size()), benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
  state.SetLabel(l.name);
}

// The NCHW plane kernel on the same layers (one plane per channel), for comparison.
void BM_MaxPoolPlane(benchmark::State& state) {
  const PoolLayer& l = kPoolLayers[state.range(0)];
  const KernelTable* table = KernelTableFor(Isa::kAvx512);
  if (table == nullptr) return state.SkipWithError("no AVX-512");
  ThreadPool pool(static_cast<int>(state.range(1)));
  const int64_t oh = OutSize(l.hw, l.k, l.stride, l.pad, l.ceil), ow = oh;
  const std::vector<float> x = Random(l.c * l.hw * l.hw);
  std::vector<float> y(l.c * oh * ow);
  auto planes = [&](int64_t p0, int64_t p1) {
    std::vector<float> scratch(MaxPoolScratchFloats(l.hw, ow, l.k, l.stride, l.pad));
    MaxPoolPlaneArgs a{nullptr, l.hw,  l.hw,    l.k, l.k, l.stride,      l.stride,
                       l.pad,   l.pad, nullptr, oh,  ow,  scratch.data()};
    for (int64_t p = p0; p < p1; ++p) {
      a.input = x.data() + p * l.hw * l.hw;
      a.out = y.data() + p * oh * ow;
      table->pool.max_pool_plane(&a);
    }
  };
  for (auto _ : state) {
    ParallelForOrInline(&pool, l.c, planes);
    benchmark::ClobberMemory();
  }
  state.counters["GBps"] = benchmark::Counter(
      4.0 * (x.size() + y.size()), benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
  state.SetLabel(l.name);
}

template <size_t N>
void LayerArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"layer", "thr"});
  for (int64_t i = 0; i < static_cast<int64_t>(N); ++i) {
    for (int thr : {1, 2}) b->Args({i, thr});
  }
}

constexpr size_t kNumDw = sizeof(kDwLayers) / sizeof(kDwLayers[0]);
constexpr size_t kNumPool = sizeof(kPoolLayers) / sizeof(kPoolLayers[0]);

BENCHMARK(BM_NchwcDepthwise)->Apply(LayerArgs<kNumDw>)->UseRealTime()->MinTime(0.2);
BENCHMARK(BM_NchwcMaxPool)->Apply(LayerArgs<kNumPool>)->UseRealTime()->MinTime(0.2);
BENCHMARK(BM_MaxPoolPlane)->Apply(LayerArgs<kNumPool>)->UseRealTime()->MinTime(0.2);

}  // namespace
}  // namespace parity::rt
