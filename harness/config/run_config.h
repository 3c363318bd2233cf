// The run configuration (`parity run|gate|bench CONFIG`), documented with examples in docs/config.md.
// LoadRunConfig() validates everything that can be checked without running: unknown keys, wrong types, values
// outside their allowed set, missing files — each an InputError with file:line:column and the allowed values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/bench/bench_spec.h"
#include "harness/compare/metrics.h"
#include "harness/datasets/dataset.h"
#include "harness/inputs/generate.h"

namespace parity {

struct InputSpec {
  std::string name;
  std::optional<Dims> shape;  // overrides the model's (symbolic dims)
  std::string file;           // .npy/.pb; else generated
  GeneratorSpec generator;
};

// A check on a metric: output metrics (scope "output", `output` = name or "*"), accuracy ("accuracy": top1, top5,
// delta_top1, delta_top5, flips) or performance ("perf": median_ms, p99_ms, ...).
struct GateSpec {
  std::string scope;   // "output", "accuracy", "perf"
  std::string output = "*";
  std::string metric;
  std::string op;      // ">=" (min) or "<=" (max)
  double threshold = 0;
  std::string where;   // file:line:col of the gate, for messages
};

struct ModelSpec {
  std::string name;
  std::string path;
  std::vector<InputSpec> inputs;
  std::map<std::string, int64_t> dims;   // symbolic dim values
  std::vector<std::string> data_sets;    // test_data_set_N folders: inputs, and expected outputs to check too
  std::optional<DatasetSpec> dataset;    // accuracy run
  std::vector<std::string> metrics;      // shown in tables (default: all that apply)
  std::vector<GateSpec> gates;
  bool layerwise = false;
  std::string layerwise_metric = "cosine";
  double layerwise_threshold = 0.9999;
  MetricOptions metric_options;
  std::string postprocess = "none";      // none | softmax: applied to logits before top-k
  int topk = 5;
};

struct BackendSpec {
  std::string name;  // label in tables (default: kind)
  std::string kind;
  std::map<std::string, std::string> settings;
  int threads = 0;
};

struct RunConfig {
  std::string path;
  std::string name;
  std::string output_dir;                 // results.json and reports go here
  std::vector<std::string> reports = {"md"};  // md, csv, html
  BackendSpec reference;                  // the truth (default kind "reference")
  std::vector<BackendSpec> backends;      // compared against the truth
  std::vector<ModelSpec> models;
  bool resume = true;                     // skip runs already in output_dir/results.json
  BenchSpec bench;                        // `parity bench` timing settings
  std::optional<SweepSpec> sweep;         // option points; expanded into `backends` as well
  std::vector<std::string> peers;         // extra engines timed beside the points: onnxruntime, opencv
};

RunConfig LoadRunConfig(const std::string& path, const std::vector<std::string>& overrides = {});

}  // namespace parity
