// The results model: what one `parity` session measured, as written to results.json (schema "parity.results/1",
// every field documented in docs/results-schema.md).
//
// Contract
// - These are plain structs; the harness fills them, reports/ only serializes and renders them. reports/ depends on
//   no engine and nothing in harness/.
// - Serialization is deterministic: maps are ordered, numbers are written shortest-round-trip, non-finite numbers
//   are written as the strings "NaN", "Infinity", "-Infinity" (JSON has no literal for them).
// - Loading checks the schema id and every required field and its type; any problem throws ResultsError naming the
//   file, the JSON path (e.g. "$.runs[2].outputs[0].metrics.cosine") and what is wrong. Unknown fields are ignored
//   (additive changes keep the major version, see docs/results-schema.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace parity::report {

inline constexpr const char kSchemaPrefix[] = "parity.results/";
inline constexpr int kSchemaMajor = 1;
inline constexpr const char kSchemaId[] = "parity.results/1";

// Canonical per-output metric names. The harness may add others; renderers show these.
namespace metric {
inline constexpr const char kCosine[] = "cosine";     // cosine similarity of the flattened outputs, in [-1, 1]
inline constexpr const char kMaxAbs[] = "max_abs";    // max |backend - reference|
inline constexpr const char kMaxRel[] = "max_rel";    // max |backend - reference| / |reference| (harness's epsilon)
inline constexpr const char kMeanAbs[] = "mean_abs";  // mean |backend - reference|
inline constexpr const char kRmse[] = "rmse";         // sqrt(mean (backend - reference)^2)
inline constexpr const char kSnrDb[] = "snr_db";      // 10 log10(sum ref^2 / sum (backend - ref)^2); +inf if equal
}  // namespace metric

class ResultsError : public std::runtime_error {
 public:
  // what() is "<file>: <json_path>: <message>" (the path part is left out when empty).
  ResultsError(std::string file, std::string json_path, const std::string& message);
  const std::string& file() const { return file_; }
  const std::string& json_path() const { return json_path_; }

 private:
  std::string file_;
  std::string json_path_;
};

struct Environment {
  std::string cpu_model;
  std::vector<std::string> cpu_flags;            // ISA features that matter to kernels: "avx512f", "avx2", "fma", ...
  int64_t cores = 0;                             // logical CPUs available to the process
  int64_t memory_bytes = 0;                      // physical memory
  std::string os;                                // e.g. "Debian GNU/Linux 12 (bookworm), Linux 6.1.0"
  std::string compiler;                          // e.g. "GCC 12.2.0"
  std::string build_type;                        // CMake build type, e.g. "Release"
  std::map<std::string, std::string> libraries;  // library name -> version
  std::string git_revision;
  std::string hostname;
  std::optional<double> peak_gflops;  // fp32 peak of the machine (all cores), GFLOP/s
  std::string peak_gflops_source;     // "measured" or "configured"; empty when peak_gflops is absent
};

struct ConfigRef {
  std::string path;  // the run/sweep configuration file, as given
  std::string name;
};

struct TensorInfo {
  std::string name;
  std::string dtype;           // ONNX element type name in lower case: "float32", "int64", ...
  std::vector<int64_t> shape;  // concrete shape as fed / produced
};

struct ModelInfo {
  std::string name;
  std::string path;
  std::string sha256;  // hex digest of the .onnx file; empty when not computed
  int64_t opset = 0;   // default-domain opset import
  std::vector<TensorInfo> inputs;
};

struct BackendInfo {
  std::string kind;                            // "reference", "runtime", "opencv", "external", "onnxruntime"
  std::string name;                            // display name, e.g. "runtime[fp32/nchw/fuse-all/t2/b1]"
  std::map<std::string, std::string> options;  // the option point, key -> value
  std::string option_name;                     // canonical name of the option point; "" for none
};

enum class RunStatus { kOk, kError, kInvalid };                // invalid: options rejected; error: failed while running
enum class Verdict { kPass, kFail, kError, kInvalid, kNone };  // none: no gate applied

struct Gate {
  std::string scope;   // "output:<name>", "accuracy" or "perf"
  std::string metric;  // e.g. "cosine", "delta_top1", "p99_ms"
  std::string op;      // ">=", "<=", ">" or "<": passed == (value op threshold)
  double threshold = 0;
  double value = 0;
  bool passed = false;
};

struct OutputResult {
  std::string name;
  std::string dtype;
  std::vector<int64_t> shape;
  std::map<std::string, double> metrics;  // metric name (see namespace metric) -> value
  int64_t nan_count = 0;                  // NaNs in the backend's output
  int64_t inf_count = 0;                  // infinities in the backend's output
};

struct Flip {          // a sample whose top-1 class differs between the reference and the backend
  int64_t sample = 0;  // index in the dataset
  std::string id;      // file name or other identifier
  int64_t label = -1;  // ground-truth class, -1 when unknown
  int64_t reference_top1 = 0;
  int64_t backend_top1 = 0;
};

struct Accuracy {  // rates are fractions in [0, 1]; deltas are backend minus reference
  std::string dataset;
  int64_t samples = 0;
  double top1 = 0, top5 = 0;
  double reference_top1 = 0, reference_top5 = 0;
  double delta_top1 = 0, delta_top5 = 0;
  int64_t flip_count = 0;  // all flips; `flips` may list only the first ones
  std::vector<Flip> flips;
};

struct Divergence {
  std::string node, op, output;
  double value = 0;  // the layer-wise metric at that node
};

struct LayerRow {
  int64_t index = 0;  // execution order in the reference
  std::string node, op, output;
  std::string fused_into;                    // runtime kernel that computed it, "" when not fused
  std::map<std::string, double> cumulative;  // metric -> value with errors accumulated from the inputs
  std::map<std::string, double> isolated;    // metric -> value when fed the reference's inputs
};

struct Layerwise {
  std::string metric;  // metric that decides divergence, e.g. "cosine"
  double threshold = 0;
  std::optional<Divergence> first_divergent;  // absent when no node crossed the threshold
  std::vector<LayerRow> rows;
};

struct LatencyStats {  // milliseconds; cv = stddev / mean (unitless)
  std::vector<double> samples_ms;
  double mean_ms = 0, median_ms = 0, p90_ms = 0, p95_ms = 0, p99_ms = 0;
  double min_ms = 0, max_ms = 0, stddev_ms = 0, cv = 0;
  std::map<std::string, double> percentiles_ms;  // "p50", "p99.9", ... -> ms
};

struct E2eStats : LatencyStats {  // end to end: decode + preprocess + inference + postprocess
  double fps = 0;
};

struct Perf {
  LatencyStats compute;  // the backend's Run() with inputs in memory
  std::optional<E2eStats> e2e;
  double throughput_ips = 0;  // inferences (samples) per second over all instances
  int64_t batch = 1;
  int64_t instances = 1;           // concurrent engine instances
  int64_t threads = 0;             // threads per instance, 0 = engine default
  double flops = 0;                // floating-point operations per inference; 0 when unknown
  std::optional<double> gflops;    // achieved GFLOP/s
  std::optional<double> pct_peak;  // gflops / environment.peak_gflops * 100
  std::optional<double> compile_ms;
  std::optional<int64_t> peak_memory_bytes;
  bool stages_overlap = false;        // e2e pipeline stages ran concurrently
  std::vector<std::string> warnings;  // e.g. "cv 12% > 5%: noisy machine"
};

struct Run {       // one model x backend x option point
  std::string id;  // MakeRunId(model.name, backend.name, backend.option_name); unique within a file
  ModelInfo model;
  BackendInfo backend;
  std::string reference_backend;  // name of the backend compared against; "" for the reference itself
  RunStatus status = RunStatus::kOk;
  std::string error;  // message when status != ok
  std::vector<OutputResult> outputs;
  std::vector<Gate> gates;
  Verdict verdict = Verdict::kNone;
  std::optional<Accuracy> accuracy;
  std::optional<Layerwise> layerwise;
  std::optional<Perf> perf;
  double seconds = 0;  // wall time of the whole run
};

struct Results {
  std::string schema = kSchemaId;
  std::string created;  // UTC ISO-8601, e.g. "2024-05-01T12:34:56Z"
  std::string tool_version;
  Environment environment;
  ConfigRef config;
  std::vector<Run> runs;
};

// ---- helpers for the harness --------------------------------------------------------------------------------

std::string MakeRunId(const std::string& model, const std::string& backend, const std::string& option_name);
const char* RunStatusName(RunStatus status);  // "ok", "error", "invalid"
const char* VerdictName(Verdict verdict);     // "pass", "fail", "error", "invalid", "none"
std::optional<RunStatus> ParseRunStatus(const std::string& name);
std::optional<Verdict> ParseVerdict(const std::string& name);
// value `op` threshold; NaN never passes. Throws std::invalid_argument for an op other than >=, <=, >, <.
bool GatePasses(const std::string& op, double value, double threshold);
// error/invalid status -> kError/kInvalid; no gates -> kNone; any failed gate -> kFail; else kPass.
Verdict DeriveVerdict(const Run& run);
// Fills every field from the samples (percentiles interpolate linearly between closest ranks, numpy's default);
// percentiles_ms gets p50, p75, p90, p95, p99, p99.9. Empty samples give all zeros.
LatencyStats ComputeLatencyStats(std::vector<double> samples_ms);
double Percentile(const std::vector<double>& sorted, double q);  // q in [0, 100], `sorted` ascending
std::string NowUtcIso8601();

// ---- serialization ----------------------------------------------------------------------------------------------

nlohmann::json ToJson(const Results& results);
// `source` names the origin (a file path) in error messages.
Results FromJson(const nlohmann::json& json, const std::string& source);
std::string SerializeResults(const Results& results);  // indented JSON with a trailing newline
Results ParseResults(const std::string& text, const std::string& source);
Results LoadResults(const std::string& path);
// Writes `path` atomically: `path`.tmp, fsync, rename. Throws ResultsError when the file cannot be written.
void SaveResults(const Results& results, const std::string& path);

}  // namespace parity::report
