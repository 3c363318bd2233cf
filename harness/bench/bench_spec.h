// Benchmark and sweep settings of a config (`bench:`, `sweep:`, `peers:` sections, docs/config.md), and the
// expansion of a sweep into option points.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace parity {

struct BenchSpec {
  int warmup = 3;                 // untimed runs per point
  double min_time_s = 0.5;        // Google Benchmark minimum time per repetition
  int repetitions = 1;
  std::vector<double> percentiles = {50, 90, 95, 99};
  std::optional<double> peak_gflops;  // given; else measured by parity when `measure_peak`
  bool measure_peak = true;
  uint64_t seed = 1;              // order shuffle and generated inputs
  bool interleave = true;         // run points in a seeded shuffled order (spreads machine drift)
  double cv_warning = 0.10;       // warn when stddev / mean exceeds this
  int e2e_samples = 50;           // dataset samples timed end to end (when the model has a dataset)
};

// Settings per point; a point's "instances" and "batch" are read by the bench as well as by the engine.
struct SweepSpec {
  std::string kind = "runtime";
  std::vector<std::map<std::string, std::string>> points;
};

// Cartesian product of `grid` (key -> values), in key order; empty grid gives one empty point.
std::vector<std::map<std::string, std::string>> ExpandGrid(
    const std::map<std::string, std::vector<std::string>>& grid);

// "t2/b1/fusion=all/i1"-style label of a point (keys in order, values as given).
std::string PointLabel(const std::map<std::string, std::string>& point);

}  // namespace parity
