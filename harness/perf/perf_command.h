// `parity perf MODEL`: single-model latency in the spirit of trtexec.
#pragma once

#include <map>
#include <ostream>
#include <string>

#include "harness/backends/backend.h"

namespace parity {

struct PerfOptions {
  std::string model_path;
  std::string backend = "reference";
  BackendOptions backend_options;
  int warmup = 3;
  int iters = 20;
  uint64_t seed = 0;
  std::map<std::string, int64_t> dims;          // symbolic dim values (--dim SYM=V)
  std::map<std::string, std::string> input_files;  // input name -> .npy/.pb (--input NAME=FILE)
  std::map<std::string, Dims> shapes;               // --shape NAME=1x3x224x224
  std::map<std::string, double> values;             // --value NAME=V
  bool json = false;
};

struct LatencyStats {
  double median_ms = 0, p90_ms = 0, p99_ms = 0, mean_ms = 0, min_ms = 0, max_ms = 0, stddev_ms = 0;
};

// Percentile by linear interpolation between closest ranks (numpy's default), q in [0, 100].
double Percentile(std::vector<double> samples, double q);
LatencyStats Summarize(const std::vector<double>& samples_ms);

// Runs and prints; returns the process exit code. Throws InputError for bad models/inputs.
int RunPerf(const PerfOptions& options, std::ostream& out);

}  // namespace parity
