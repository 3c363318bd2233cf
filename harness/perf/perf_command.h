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

// Runs and prints; returns the process exit code. Throws InputError for bad models/inputs.
int RunPerf(const PerfOptions& options, std::ostream& out);

}  // namespace parity
