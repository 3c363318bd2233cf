#include "tests/reports/sample_results.h"

#include <limits>

namespace parity::report::testing {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Environment SampleEnvironment() {
  Environment e;
  e.cpu_model = "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz";
  e.cpu_flags = {"avx512f", "avx512bw", "avx512vl", "avx2", "fma", "f16c"};
  e.cores = 8;
  e.memory_bytes = 34359738368;
  e.os = "Debian GNU/Linux 12 (bookworm), Linux 6.1.0-18-amd64";
  e.compiler = "GCC 12.2.0";
  e.build_type = "Release";
  e.libraries = {{"eigen", "3.4.0"}, {"onnx", "1.14.1"}, {"opencv", "4.6.0"}};
  e.git_revision = "e712cca";
  e.hostname = "bench-01";
  e.peak_gflops = 1024;
  e.peak_gflops_source = "configured";
  return e;
}

Run BaseRun(const ModelInfo& model, const std::string& kind, const std::string& name, const std::string& option) {
  Run r;
  r.model = model;
  r.backend = {kind, name, {}, option};
  r.id = MakeRunId(model.name, name, option);
  r.reference_backend = kind == "reference" ? "" : "reference";
  return r;
}

Perf SamplePerf(std::vector<double> samples, double ips, std::optional<double> gflops) {
  Perf p;
  p.compute = ComputeLatencyStats(std::move(samples));
  p.throughput_ips = ips;
  p.threads = 4;
  p.flops = 8.2e9;
  p.gflops = gflops;
  if (gflops) p.pct_peak = *gflops / 1024 * 100;
  return p;
}

OutputResult Output(const std::string& name, double cosine, double max_abs, double max_rel, double snr) {
  OutputResult o{name, "float32", {1, 1000}, {}, 0, 0};
  o.metrics = {{metric::kCosine, cosine},        {metric::kMaxAbs, max_abs},   {metric::kMaxRel, max_rel},
               {metric::kMeanAbs, max_abs / 10}, {metric::kRmse, max_abs / 5}, {metric::kSnrDb, snr}};
  return o;
}

Gate MakeGate(const std::string& scope, const std::string& metric, const std::string& op, double threshold,
              double value) {
  return {scope, metric, op, threshold, value, GatePasses(op, value, threshold)};
}

Accuracy SampleAccuracy(double top1, int flips) {
  Accuracy a{"imagenet-val-500", 500, top1, 0.93, 0.762, 0.93, top1 - 0.762, 0, flips, {}};
  for (int i = 0; i < flips && i < 2; ++i)
    a.flips.push_back({17 + i * 100, "ILSVRC2012_val_000" + std::to_string(17 + i), 65, 65, 66 + i});
  return a;
}

Layerwise SampleLayerwise(bool diverges) {
  Layerwise l{"cosine", 0.9999, std::nullopt, {}};
  l.rows.push_back({0, "conv1", "Conv", "conv1_out", "conv_relu_fused", {{"cosine", 0.99999999}}, {{"cosine", 1}}});
  l.rows.push_back({1, "relu1", "Relu", "relu1_out", "conv_relu_fused", {{"cosine", 0.9999999}}, {{"cosine", 1}}});
  l.rows.push_back({2,
                    "softmax",
                    "Softmax",
                    "prob",
                    "",
                    {{"cosine", diverges ? 0.99812 : 0.99999}},
                    {{"cosine", diverges ? 0.99815 : 1.0}}});
  if (diverges) l.first_divergent = Divergence{"softmax", "Softmax", "prob", 0.99812};
  return l;
}

std::vector<Run> ResnetRuns() {
  const ModelInfo model{"resnet<50> & \"v1\"",
                        "models/resnet50 & co/model.onnx",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        13,
                        {{"data", "float32", {1, 3, 224, 224}}}};
  std::vector<Run> runs;
  Run ref = BaseRun(model, "reference", "reference", "");
  ref.perf = SamplePerf({812.5, 820.25, 815, 830.75}, 1.22, std::nullopt);
  ref.seconds = 5.5;
  runs.push_back(ref);

  Run o3 = BaseRun(model, "runtime", "runtime", "O3|fuse=all");
  o3.backend.options = {{"fuse", "all"}, {"opt", "O3"}};
  o3.outputs.push_back(Output("prob", 0.99999994, 1.1920929e-07, 3.5e-06, 131.25));
  o3.gates = {MakeGate("output:prob", "cosine", ">=", 0.9999, 0.99999994),
              MakeGate("accuracy", "delta_top1", ">=", -0.005, 0), MakeGate("perf", "p99_ms", "<=", 50, 13.9)};
  o3.accuracy = SampleAccuracy(0.762, 0);
  o3.layerwise = SampleLayerwise(false);
  o3.perf = SamplePerf({12.5, 12.75, 13.0, 13.9}, 312.5, 655.9);
  o3.perf->compile_ms = 150.25;
  o3.perf->peak_memory_bytes = 104857600;
  E2eStats e2e;
  static_cast<LatencyStats&>(e2e) = ComputeLatencyStats({20.5, 21, 22.25});
  e2e.fps = 47.5;
  o3.perf->e2e = e2e;
  o3.perf->stages_overlap = true;
  o3.verdict = DeriveVerdict(o3);
  o3.seconds = 12.75;
  runs.push_back(o3);

  Run fast = BaseRun(model, "runtime", "runtime", "fast-math, \"approx\"");
  fast.backend.options = {{"fast_math", "1"}};
  fast.outputs.push_back(Output("prob", 0.9981, 0.0123, 4.5, 27.3));
  fast.gates = {MakeGate("output:prob", "cosine", ">=", 0.9999, 0.9981),
                MakeGate("accuracy", "delta_top1", ">=", -0.005, -0.004)};
  fast.accuracy = SampleAccuracy(0.758, 3);
  fast.layerwise = SampleLayerwise(true);
  fast.perf = SamplePerf({8.25, 8.5, 9.0, 11.75}, 290.0, 610.5);
  fast.perf->warnings = {"cv 14.6% > 5%: timings are noisy"};
  fast.verdict = DeriveVerdict(fast);
  fast.seconds = 11.5;
  runs.push_back(fast);

  Run bad = BaseRun(model, "runtime", "runtime", "int8");
  bad.backend.options = {{"precision", "int8"}};
  bad.status = RunStatus::kInvalid;
  bad.error = "option precision=int8 is not supported: <no calibration> & no fallback";
  bad.verdict = DeriveVerdict(bad);
  runs.push_back(bad);
  return runs;
}

std::vector<Run> MnistRuns() {
  const ModelInfo model{"mnist-8", "suites/mnist-8/model.onnx", "", 8, {{"Input3", "float32", {1, 1, 28, 28}}}};
  std::vector<Run> runs;
  Run ref = BaseRun(model, "reference", "reference", "");
  ref.seconds = 0.25;
  runs.push_back(ref);

  Run def = BaseRun(model, "runtime", "runtime", "default");
  def.outputs.push_back(Output("Plus214_Output_0", 1, 0, 0, kInf));
  OutputResult odd = Output("aux|scores", kNaN, kNaN, kNaN, kNaN);
  odd.shape = {};
  odd.nan_count = 3;
  odd.inf_count = 1;
  def.outputs.push_back(odd);
  def.gates = {MakeGate("output:Plus214_Output_0", "max_abs", "<=", 1e-4, 0),
               MakeGate("output:aux|scores", "max_abs", "<=", 1e-4, kNaN)};
  def.perf = SamplePerf({0.051, 0.0525, 0.049, 0.06}, 19500, 0.33);
  def.verdict = DeriveVerdict(def);
  def.seconds = 0.5;
  runs.push_back(def);

  Run crash = BaseRun(model, "opencv", "opencv-dnn", "");
  crash.status = RunStatus::kError;
  crash.error = "OpenCV(4.6.0) error: (-215:Assertion failed)\n  in function 'forward'";
  crash.verdict = DeriveVerdict(crash);
  crash.seconds = 0.125;
  runs.push_back(crash);
  return runs;
}

}  // namespace

Results MakeSampleResults() {
  Results r;
  r.created = "2024-05-01T12:34:56Z";
  r.tool_version = "0.1.0";
  r.environment = SampleEnvironment();
  r.config = {"configs/sweep <demo>.yaml", "demo sweep"};
  for (auto& run : ResnetRuns()) r.runs.push_back(std::move(run));
  for (auto& run : MnistRuns()) r.runs.push_back(std::move(run));
  return r;
}

}  // namespace parity::report::testing
