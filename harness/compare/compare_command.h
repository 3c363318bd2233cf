// `parity compare MODEL`: a quick comparison without YAML (in the spirit of `polygraphy run`): run the model on
// several backends with the same inputs, and print per-output metrics of each against the first (the truth).
// With --layerwise, every intermediate value both engines expose is compared in execution order, naming the
// first node whose metric crosses the threshold, with the cumulative error along the graph and the isolated error
// of each node (the node alone, fed the reference's inputs) to tell a local error from an accumulated one.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "harness/backends/backend.h"

namespace parity {

struct CompareOptions {
  std::string model_path;
  std::vector<std::string> backends = {"reference", "runtime"};
  std::map<std::string, std::string> settings;  // for every backend but the first
  int threads = 0;
  std::string inputs_dir;  // <input>.npy / <input>.pb / input_<i>.pb; else generated
  uint64_t seed = 0;
  std::map<std::string, int64_t> dims;
  std::map<std::string, Dims> shapes;     // --shape NAME=1x3x224x224
  std::map<std::string, double> values;   // --value NAME=V (constant-filled input)
  bool layerwise = false;
  std::string metric = "cosine";  // layer-wise divergence metric
  double threshold = 0.9999;      // cosine below (or an error metric above) this diverges
  std::string save_dir;           // write every backend's outputs as .npy here
};

// Runs and prints; returns the exit code (0). Throws InputError for bad models/inputs/options.
int RunCompare(const CompareOptions& options, std::ostream& out);

}  // namespace parity
