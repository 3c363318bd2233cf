// Convolution micro-benchmarks: resnet50 and mobilenet_v2 layers (batch 1, NCHW), algorithm chosen by kAuto.
// Arguments: layer index (see kLayers), ISA (0 generic, 1 avx2, 2 avx512), threads, algorithm (ConvAlgo value;
// BM_Conv: kAuto; BM_ConvAlgo: each algorithm that applies).
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "kernels/conv/conv.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

struct Layer {
  const char* name;
  int64_t cin, cout, hw, k, stride, groups;
};

constexpr Layer kLayers[] = {
    {"r50_conv1_7x7s2", 3, 64, 224, 7, 2, 1},      {"r50_l1_1x1_64_64", 64, 64, 56, 1, 1, 1},
    {"r50_l1_3x3_64", 64, 64, 56, 3, 1, 1},        {"r50_l1_1x1_64_256", 64, 256, 56, 1, 1, 1},
    {"r50_l2_3x3_128", 128, 128, 28, 3, 1, 1},     {"r50_l2_3x3s2_128", 128, 128, 56, 3, 2, 1},
    {"r50_l3_3x3_256", 256, 256, 14, 3, 1, 1},     {"r50_l3_1x1_1024_256", 1024, 256, 14, 1, 1, 1},
    {"r50_l4_3x3_512", 512, 512, 7, 3, 1, 1},      {"r50_l4_1x1_512_2048", 512, 2048, 7, 1, 1, 1},
    {"mv2_dw3x3_32_112", 32, 32, 112, 3, 1, 32},   {"mv2_dw3x3s2_96_112", 96, 96, 112, 3, 2, 96},
    {"mv2_dw3x3_144_56", 144, 144, 56, 3, 1, 144}, {"mv2_dw3x3_384_14", 384, 384, 14, 3, 1, 384},
    {"mv2_dw3x3_960_7", 960, 960, 7, 3, 1, 960},   {"mv2_1x1_96_576_14", 96, 576, 14, 1, 1, 1},
    {"sq_fire2_3x3_16_64", 16, 64, 55, 3, 1, 1},   {"sq_fire4_3x3_32_128", 32, 128, 27, 3, 1, 1},
    {"sq_fire6_3x3_48_192", 48, 192, 13, 3, 1, 1},  {"sq_conv1_3x3s2_3_64", 3, 64, 224, 3, 2, 1},
    {"mv2_conv1_3x3s2_3_32", 3, 32, 224, 3, 2, 1},
};

std::vector<float> Random(int64_t n) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

void BM_Conv(benchmark::State& state) {
  const Layer& l = kLayers[state.range(0)];
  const KernelTable* table = KernelTableFor(static_cast<Isa>(state.range(1)));
  if (table == nullptr) return state.SkipWithError("ISA not supported by this CPU");
  ThreadPool pool(static_cast<int>(state.range(2)));
  ConvShape s;
  s.in_channels = l.cin;
  s.out_channels = l.cout;
  s.in_h = s.in_w = l.hw;
  s.kernel_h = s.kernel_w = l.k;
  s.stride_h = s.stride_w = l.stride;
  s.pad_top = s.pad_left = s.pad_bottom = s.pad_right = l.k / 2;
  s.groups = l.groups;
  std::vector<float> x = Random(l.cin * l.hw * l.hw);
  std::vector<float> w = Random(l.cout * (l.cin / l.groups) * l.k * l.k);
  std::vector<float> bias = Random(l.cout);
  std::vector<float> y(l.cout * s.out_h() * s.out_w());
  ConvPrepareOptions po;
  po.kernels = table;
  PreparedConv conv;
  std::string error;
  const auto algo = static_cast<ConvAlgo>(state.range(3));
  if (!PrepareConv(s, w.data(), algo, po, &conv, &error)) return state.SkipWithError(error.c_str());
  ConvRunArgs args;
  args.input = x.data();
  args.output = y.data();
  args.bias = bias.data();
  args.activation = ActivationParams::Relu();
  args.pool = &pool;
  for (auto _ : state) {
    RunConv(conv, args);
    benchmark::ClobberMemory();
  }
  state.counters["GFLOPS"] =
      benchmark::Counter(2.0 * s.Macs(), benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
  const double bytes = 4.0 * (x.size() + y.size());
  state.counters["GBps"] =
      benchmark::Counter(bytes, benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
  state.SetLabel(std::string(l.name) + " " + IsaName(table->isa) + " " + ToString(conv.algo()));
}

void ConvArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"layer", "isa", "thr", "algo"});
  for (int64_t i = 0; i < static_cast<int64_t>(sizeof(kLayers) / sizeof(kLayers[0])); ++i) {
    for (int isa : {2, 1}) {
      for (int thr : {1, 2}) b->Args({i, isa, thr, static_cast<int64_t>(ConvAlgo::kAuto)});
    }
  }
}

// The 3x3 stride-1 layers under im2col and Winograd (AVX-512): where does Winograd pay?
void AlgoArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"layer", "isa", "thr", "algo"});
  for (int64_t i = 0; i < static_cast<int64_t>(sizeof(kLayers) / sizeof(kLayers[0])); ++i) {
    if (kLayers[i].k != 3 || kLayers[i].stride != 1 || kLayers[i].groups != 1) continue;
    for (ConvAlgo algo : {ConvAlgo::kIm2col, ConvAlgo::kWinograd}) {
      for (int thr : {1, 2}) b->Args({i, 2, thr, static_cast<int64_t>(algo)});
    }
  }
}

BENCHMARK(BM_Conv)->Apply(ConvArgs)->UseRealTime()->MinTime(0.2);
BENCHMARK(BM_Conv)->Name("BM_ConvAlgo")->Apply(AlgoArgs)->UseRealTime()->MinTime(0.2);

}  // namespace
}  // namespace parity::rt
