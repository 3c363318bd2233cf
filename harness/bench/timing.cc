#include "harness/bench/timing.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "harness/core/errors.h"

namespace parity {

namespace {

double NowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Collects what Google Benchmark measured, without printing.
class CollectingReporter : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.run_type != Run::RT_Iteration || r.error_occurred) {
        if (r.error_occurred) error = r.error_message;
        continue;
      }
      GbRun g;
      g.name = r.benchmark_name();
      g.iterations = r.iterations;
      g.real_time_ms = r.GetAdjustedRealTime();
      g.cpu_time_ms = r.GetAdjustedCPUTime();
      g.repetition_index = r.repetition_index;
      g.repetitions = r.repetitions;
      runs_.push_back(g);
    }
  }
  std::vector<GbRun> runs_;
  std::string error;
};

}  // namespace

TimingResult TimeCompute(const std::string& name, Backend& backend, const std::map<std::string, Value>& feeds,
                         const BenchSpec& spec) {
  for (int i = 0; i < spec.warmup; ++i) backend.Run(feeds);
  TimingResult result;
  std::string failure;
  auto* b = benchmark::RegisterBenchmark(name.c_str(), [&](benchmark::State& state) {
    for (auto _ : state) {
      const double t0 = NowMs();
      try {
        backend.Run(feeds);
      } catch (const std::exception& e) {
        failure = e.what();
        state.SkipWithError("inference failed");
        break;
      }
      const double ms = NowMs() - t0;
      state.SetIterationTime(ms / 1000.0);
      result.samples_ms.push_back(ms);
    }
  });
  b->UseManualTime()->Unit(benchmark::kMillisecond)->MinTime(spec.min_time_s)->Repetitions(spec.repetitions);
  if (spec.repetitions > 1) b->ReportAggregatesOnly(false);
  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::ClearRegisteredBenchmarks();
  if (!failure.empty()) throw InputError(failure);
  result.gb_runs = reporter.runs_;
  return result;
}

ConcurrentResult TimeConcurrent(const std::vector<Backend*>& instances, const std::map<std::string, Value>& feeds,
                                int iterations) {
  ConcurrentResult result;
  std::vector<std::vector<double>> per(instances.size());
  std::vector<std::string> errors(instances.size());
  const double start = NowMs();
  std::vector<std::thread> threads;
  for (size_t i = 0; i < instances.size(); ++i) {
    threads.emplace_back([&, i]() {
      try {
        for (int k = 0; k < iterations; ++k) {
          const double t0 = NowMs();
          instances[i]->Run(feeds);
          per[i].push_back(NowMs() - t0);
        }
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  result.wall_s = (NowMs() - start) / 1000.0;
  for (size_t i = 0; i < instances.size(); ++i) {
    if (!errors[i].empty()) throw InputError("instance " + std::to_string(i) + ": " + errors[i]);
    result.samples_ms.insert(result.samples_ms.end(), per[i].begin(), per[i].end());
    result.inferences += static_cast<int64_t>(per[i].size());
  }
  return result;
}

void WriteGoogleBenchmarkJson(const std::vector<GbRun>& runs, const std::string& path) {
  nlohmann::json j;
  j["context"] = {{"library_build_type", "release"}, {"executable", "parity bench"},
                  {"num_cpus", std::thread::hardware_concurrency()}};
  j["benchmarks"] = nlohmann::json::array();
  for (const GbRun& r : runs) {
    j["benchmarks"].push_back({{"name", r.name},
                               {"run_name", r.name},
                               {"run_type", "iteration"},
                               {"repetitions", r.repetitions},
                               {"repetition_index", r.repetition_index},
                               {"threads", 1},
                               {"iterations", r.iterations},
                               {"real_time", r.real_time_ms},
                               {"cpu_time", r.cpu_time_ms},
                               {"time_unit", "ms"}});
  }
  std::ofstream out(path);
  if (!out || !(out << j.dump(2) << "\n")) throw InputError("cannot write '" + path + "'");
}

}  // namespace parity
