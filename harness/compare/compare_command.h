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
  bool layerwise = false;
  std::string metric = "cosine";  // layer-wise divergence metric
  double threshold = 0.9999;      // cosine below (or an error metric above) this diverges
  std::string save_dir;           // write every backend's outputs as .npy here
};

struct LayerRow {
  size_t index = 0;
  std::string value;
  std::string node;
  std::string op;
  std::string fused_into;  // runtime kernel that produced it ("" if not fused)
  double cumulative = 0;   // metric of the value as computed along the whole graph
  double isolated = 0;     // metric of the node run alone on the reference's inputs (NaN if not measurable)
  bool diverged = false;
};

// Runs and prints; returns the exit code (0). Throws InputError for bad models/inputs/options.
int RunCompare(const CompareOptions& options, std::ostream& out);

// Whether `value` of `metric` is on the wrong side of `threshold` (higher-is-better metrics: below).
bool CrossesThreshold(const std::string& metric, double value, double threshold);

}  // namespace parity
