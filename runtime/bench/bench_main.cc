// Entry point of parity_kernel_bench (the benchmarks register themselves from *_bench.cc).
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
