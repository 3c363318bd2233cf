// Timing of one engine instance (Google Benchmark, every iteration's latency kept) and of several instances driven
// concurrently (aggregate throughput, per-request latency under load).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/backends/backend.h"
#include "harness/bench/bench_spec.h"

namespace parity {

// One Google Benchmark run as its JSON reporter would list it (for benchmark.json / compare.py).
struct GbRun {
  std::string name;
  int64_t iterations = 0;
  double real_time_ms = 0;  // per iteration
  double cpu_time_ms = 0;
  int64_t repetition_index = 0;
  int64_t repetitions = 1;
};

struct TimingResult {
  std::vector<double> samples_ms;  // every timed iteration, in order
  std::vector<GbRun> gb_runs;
};

// Warm-up, then Google Benchmark with manual timing (`name` is the benchmark's name): Run(feeds) per iteration.
TimingResult TimeCompute(const std::string& name, Backend& backend, const std::map<std::string, Value>& feeds,
                         const BenchSpec& spec);

// `instances` engines (made by `make`) each running `iterations` inferences at once on their own thread.
struct ConcurrentResult {
  std::vector<double> samples_ms;  // per request, all instances
  double wall_s = 0;
  int64_t inferences = 0;
};
ConcurrentResult TimeConcurrent(const std::vector<Backend*>& instances, const std::map<std::string, Value>& feeds,
                                int iterations);

// Writes the collected runs in Google Benchmark's JSON format (context + benchmarks), so tools/compare.py of
// Google Benchmark reads it.
void WriteGoogleBenchmarkJson(const std::vector<GbRun>& runs, const std::string& path);

// fp32 FMA peak of this machine (all cores), GFLOP/s, measured with the widest ISA available (about 0.3 s).
double MeasurePeakGflops();

}  // namespace parity
