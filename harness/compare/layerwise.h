// Layer-wise comparison: every intermediate value both engines expose, in the truth's execution order.
// For each value: the cumulative metric (as computed along the whole graph) and the isolated metric (the tested
// engine's producing node run alone on the truth's inputs), which tells a local error (the node itself is off)
// from an accumulated one (the node is right, its inputs were already off). Fused kernels are mapped back to the
// ONNX nodes they cover.
#pragma once

#include <map>
#include <string>

#include "harness/backends/backend.h"
#include "reports/results.h"

namespace onnx {
class ModelProto;
}

namespace parity {

struct LayerwiseOptions {
  std::string tested_kind;         // backend kind, to build single-node engines for isolated runs
  BackendOptions tested_options;   // same settings as the tested engine (keep_intermediates ignored)
  std::string metric = "cosine";
  double threshold = 0.9999;
};

// `truth` and `tested` were created with keep_intermediates and have just run `feeds`.
report::Layerwise ComputeLayerwise(const onnx::ModelProto& model, const Backend& truth, const Backend& tested,
                                   const std::map<std::string, Value>& feeds, const LayerwiseOptions& options);

// Whether `value` of `metric` is on the wrong side of `threshold` (higher-is-better metrics: below). NaN: no.
bool CrossesThreshold(const std::string& metric, double value, double threshold);

}  // namespace parity
