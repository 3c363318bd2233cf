// Peak fp32 FMA throughput: independent FMA chains (enough to hide latency), one thread per core, the widest ISA
// this CPU has (chosen at run time; the ISA bodies live in peak_flops_avx512.cc / peak_flops_avx2.cc).
#include <chrono>
#include <thread>
#include <vector>

#include "harness/bench/timing.h"

extern "C" double parity_peak_fma_avx512(long iterations);  // returns FLOPs done
extern "C" double parity_peak_fma_avx2(long iterations);

namespace parity {

namespace {

double GenericFma(long iterations) {
  float acc[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  const float a = 0.999999f, b = 1e-7f;
  for (long i = 0; i < iterations; ++i) {
    for (float& x : acc) x = x * a + b;
  }
  volatile float sink = acc[0] + acc[7];
  (void)sink;
  return 2.0 * 8 * static_cast<double>(iterations);
}

}  // namespace

double MeasurePeakGflops() {
  __builtin_cpu_init();
  double (*fma)(long) = GenericFma;
  if (__builtin_cpu_supports("avx512f")) {
    fma = parity_peak_fma_avx512;
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    fma = parity_peak_fma_avx2;
  }
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const long iterations = 20'000'000;
  fma(iterations / 10);  // warm up clocks
  std::vector<double> flops(cores);
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (unsigned c = 0; c < cores; ++c) threads.emplace_back([&, c]() { flops[c] = fma(iterations); });
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double total = 0;
  for (double f : flops) total += f;
  return total / seconds / 1e9;
}

}  // namespace parity
