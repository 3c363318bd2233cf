#include "harness/config/run_config.h"

#include <filesystem>
#include <set>

#include "harness/config/yaml_source.h"
#include "harness/core/errors.h"

namespace parity {

namespace fs = std::filesystem;

namespace {

void CheckExists(const YamlNode& node, const std::string& path, const char* what) {
  if (!fs::exists(path)) node.Fail(std::string(what) + " '" + path + "' does not exist");
}

GeneratorSpec ParseGenerator(const YamlNode& n, uint64_t default_seed) {
  GeneratorSpec g;
  g.seed = n.Has("seed") ? static_cast<uint64_t>(n["seed"].AsInt()) : default_seed;
  const std::string kind = n.Has("generator") ? n["generator"].AsChoice({"uniform", "normal", "constant"}) : "uniform";
  if (kind == "uniform") {
    g.kind = GeneratorSpec::Kind::kUniform;
    if (n.Has("low")) g.low = n["low"].AsDouble();
    if (n.Has("high")) g.high = n["high"].AsDouble();
    if (g.low >= g.high) n.Fail("uniform generator needs low < high");
  } else if (kind == "normal") {
    g.kind = GeneratorSpec::Kind::kNormal;
    if (n.Has("mean")) g.mean = n["mean"].AsDouble();
    if (n.Has("stddev")) g.stddev = n["stddev"].AsDouble();
  } else {
    g.kind = GeneratorSpec::Kind::kConstant;
    if (n.Has("value")) g.value = n["value"].AsDouble();
  }
  return g;
}

InputSpec ParseInput(const std::string& name, const YamlNode& n, uint64_t seed) {
  n.ExpectKeys({"shape", "file", "generator", "low", "high", "mean", "stddev", "value", "seed"});
  InputSpec in;
  in.name = name;
  if (n.Has("shape")) in.shape = n["shape"].AsInts();
  if (n.Has("file")) {
    in.file = n["file"].AsPath();
    CheckExists(n["file"], in.file, "input file");
  }
  in.generator = ParseGenerator(n, seed);
  return in;
}

std::pair<int, int> ParseSize(const YamlNode& n) {
  const auto v = n.AsInts();
  if (v.size() != 2 || v[0] <= 0 || v[1] <= 0) n.Fail("expected [width, height] with positive values");
  return {static_cast<int>(v[0]), static_cast<int>(v[1])};
}

PreprocessSpec ParsePreprocess(const YamlNode& n) {
  n.ExpectKeys({"color", "resize", "resize_shorter", "interpolation", "center_crop", "scale", "mean", "std", "layout",
                "dtype"});
  PreprocessSpec p;
  if (n.Has("color")) {
    const std::string c = n["color"].AsChoice({"bgr", "rgb", "gray"});
    p.color = c == "bgr" ? PreprocessSpec::Color::kBgr : c == "rgb" ? PreprocessSpec::Color::kRgb
                                                                    : PreprocessSpec::Color::kGray;
  }
  if (n.Has("resize")) p.resize = ParseSize(n["resize"]);
  if (n.Has("resize_shorter")) p.resize_shorter = static_cast<int>(n["resize_shorter"].AsInt());
  if (p.resize && p.resize_shorter) n.Fail("give either resize or resize_shorter, not both");
  if (n.Has("interpolation")) {
    const std::string i = n["interpolation"].AsChoice({"nearest", "linear", "cubic", "area", "lanczos"});
    using I = PreprocessSpec::Interpolation;
    p.interpolation = i == "nearest" ? I::kNearest : i == "linear" ? I::kLinear : i == "cubic" ? I::kCubic
                      : i == "area" ? I::kArea : I::kLanczos;
  }
  if (n.Has("center_crop")) p.center_crop = ParseSize(n["center_crop"]);
  if (n.Has("scale")) p.scale = n["scale"].AsDouble();
  if (n.Has("mean")) p.mean = n["mean"].AsDoubles();
  if (n.Has("std")) p.std = n["std"].AsDoubles();
  for (double s : p.std) {
    if (s == 0) n["std"].Fail("std values must be non-zero");
  }
  if (n.Has("layout")) {
    p.layout = n["layout"].AsChoice({"nchw", "nhwc"}) == "nchw" ? PreprocessSpec::Layout::kNchw
                                                                 : PreprocessSpec::Layout::kNhwc;
  }
  if (n.Has("dtype")) {
    const std::string d = n["dtype"].AsChoice({"float32", "float16", "uint8"});
    p.dtype = ParseElementType(d);
  }
  return p;
}

DatasetSpec ParseDataset(const YamlNode& n) {
  n.ExpectKeys({"kind", "root", "images", "labels", "synset", "file", "feature_columns", "label_column",
                "class_names", "input", "limit", "offset", "preprocess"});
  DatasetSpec d;
  if (!n.Has("kind")) n.Fail("dataset needs 'kind' (mnist_idx, image_folder, npy_folder, onnx_test_data, csv)");
  d.kind = n["kind"].AsChoice({"mnist_idx", "image_folder", "npy_folder", "onnx_test_data", "csv"});
  for (const char* key : {"root", "images", "labels", "synset", "file"}) {
    if (!n.Has(key)) continue;
    const std::string path = n[key].AsPath();
    CheckExists(n[key], path, key);
    std::string& slot = std::string(key) == "root" ? d.root : std::string(key) == "images" ? d.images
                        : std::string(key) == "labels" ? d.labels : std::string(key) == "synset" ? d.synset : d.file;
    slot = path;
  }
  if (n.Has("feature_columns")) d.feature_columns = n["feature_columns"].AsStrings();
  if (n.Has("label_column")) d.label_column = n["label_column"].AsString();
  if (n.Has("class_names")) d.class_names = n["class_names"].AsStrings();
  if (n.Has("input")) d.input = n["input"].AsString();
  if (n.Has("limit")) d.limit = n["limit"].AsInt();
  if (n.Has("offset")) d.offset = n["offset"].AsInt();
  if (d.limit < 0 || d.offset < 0) n.Fail("limit and offset must not be negative");
  if (n.Has("preprocess")) d.preprocess = ParsePreprocess(n["preprocess"]);
  return d;
}

GateSpec ParseGate(const YamlNode& n) {
  n.ExpectKeys({"output", "accuracy", "perf", "metric", "min", "max"});
  GateSpec g;
  g.where = n.Where();
  const int scopes = n.Has("output") + n.Has("accuracy") + n.Has("perf");
  if (scopes > 1) n.Fail("a gate applies to one of output, accuracy or perf");
  if (n.Has("accuracy")) {
    g.scope = "accuracy";
    g.metric = n["accuracy"].AsChoice({"top1", "top5", "delta_top1", "delta_top5", "flips"});
  } else if (n.Has("perf")) {
    g.scope = "perf";
    g.metric = n["perf"].AsChoice({"median_ms", "p90_ms", "p99_ms", "mean_ms", "throughput_ips"});
  } else {
    g.scope = "output";
    if (n.Has("output")) g.output = n["output"].AsString();
    if (!n.Has("metric")) n.Fail("an output gate needs 'metric' (one of the metrics in docs/metrics.md)");
    g.metric = n["metric"].AsChoice(MetricNames());
  }
  if (n.Has("min") == n.Has("max")) n.Fail("a gate needs exactly one of 'min' or 'max'");
  g.op = n.Has("min") ? ">=" : "<=";
  g.threshold = n.Has("min") ? n["min"].AsDouble() : n["max"].AsDouble();
  return g;
}

ModelSpec ParseModel(const YamlNode& n, size_t index) {
  n.ExpectKeys({"name", "path", "inputs", "dims", "data_sets", "dataset", "metrics", "gates", "layerwise",
                "tolerance", "postprocess", "topk"});
  ModelSpec m;
  if (!n.Has("path")) n.Fail("a model needs 'path'");
  m.path = n["path"].AsPath();
  CheckExists(n["path"], m.path, "model");
  m.name = n.Has("name") ? n["name"].AsString() : fs::path(m.path).parent_path().filename().string();
  if (n.Has("inputs")) {
    const YamlNode inputs = n["inputs"];
    if (!inputs.node.IsMap()) inputs.Fail("inputs must map input names to specs");
    uint64_t seed = 0;
    for (const auto& kv : inputs.node) {
      m.inputs.push_back(ParseInput(kv.first.as<std::string>(), {kv.second, inputs.file, inputs.documents}, seed++));
    }
  }
  if (n.Has("dims")) {
    const YamlNode dims = n["dims"];
    if (!dims.node.IsMap()) dims.Fail("dims must map symbolic names to integers");
    for (const auto& kv : dims.node) m.dims[kv.first.as<std::string>()] = YamlNode{kv.second, dims.file, dims.documents}.AsInt();
  }
  for (const auto& ds : n["data_sets"].Items()) {
    m.data_sets.push_back(ds.AsPath());
    CheckExists(ds, m.data_sets.back(), "data set folder");
  }
  if (n.Has("dataset")) m.dataset = ParseDataset(n["dataset"]);
  if (n.Has("metrics")) {
    for (const auto& item : n["metrics"].Items()) m.metrics.push_back(item.AsChoice(MetricNames()));
  }
  for (const auto& g : n["gates"].Items()) m.gates.push_back(ParseGate(g));
  if (n.Has("layerwise")) {
    const YamlNode lw = n["layerwise"];
    if (lw.node.IsScalar()) {
      m.layerwise = lw.AsBool();
    } else {
      lw.ExpectKeys({"metric", "threshold"});
      m.layerwise = true;
      if (lw.Has("metric")) m.layerwise_metric = lw["metric"].AsChoice(MetricNames());
      if (lw.Has("threshold")) m.layerwise_threshold = lw["threshold"].AsDouble();
    }
  }
  if (n.Has("tolerance")) {
    const YamlNode t = n["tolerance"];
    t.ExpectKeys({"rtol", "atol"});
    if (t.Has("rtol")) m.metric_options.rtol = t["rtol"].AsDouble();
    if (t.Has("atol")) m.metric_options.atol = t["atol"].AsDouble();
  }
  if (n.Has("postprocess")) m.postprocess = n["postprocess"].AsChoice({"none", "softmax"});
  if (n.Has("topk")) m.topk = static_cast<int>(n["topk"].AsInt());
  m.metric_options.topk = m.topk;
  (void)index;
  return m;
}

BackendSpec ParseBackend(const YamlNode& n, const std::vector<std::string>& kinds) {
  if (n.node.IsScalar()) return BackendSpec{n.AsString(), n.AsChoice(kinds), {}, 0};
  n.ExpectKeys({"name", "kind", "settings", "threads"});
  BackendSpec b;
  if (!n.Has("kind")) n.Fail("a backend needs 'kind'");
  b.kind = n["kind"].AsChoice(kinds);
  b.name = n.Has("name") ? n["name"].AsString() : b.kind;
  if (n.Has("threads")) b.threads = static_cast<int>(n["threads"].AsInt());
  if (n.Has("settings")) {
    const YamlNode s = n["settings"];
    if (!s.node.IsMap()) s.Fail("settings must map keys to values");
    for (const auto& kv : s.node) b.settings[kv.first.as<std::string>()] = kv.second.as<std::string>();
  }
  return b;
}

BenchSpec ParseBench(const YamlNode& n) {
  n.ExpectKeys({"warmup", "min_time", "repetitions", "percentiles", "peak_gflops", "seed", "order", "cv_warning",
                "e2e_samples"});
  BenchSpec b;
  if (n.Has("warmup")) b.warmup = static_cast<int>(n["warmup"].AsInt());
  if (n.Has("min_time")) b.min_time_s = n["min_time"].AsDouble();
  if (n.Has("repetitions")) b.repetitions = static_cast<int>(n["repetitions"].AsInt());
  if (n.Has("percentiles")) b.percentiles = n["percentiles"].AsDoubles();
  for (double p : b.percentiles) {
    if (p < 0 || p > 100) n["percentiles"].Fail("percentiles must lie in [0, 100]");
  }
  if (n.Has("peak_gflops")) {
    const YamlNode peak = n["peak_gflops"];
    if (peak.node.IsScalar() && peak.node.as<std::string>() == "measure") {
      b.measure_peak = true;
    } else {
      b.peak_gflops = peak.AsDouble();
      b.measure_peak = false;
    }
  }
  if (n.Has("seed")) b.seed = static_cast<uint64_t>(n["seed"].AsInt());
  if (n.Has("order")) b.interleave = n["order"].AsChoice({"interleaved", "sequential"}) == "interleaved";
  if (n.Has("cv_warning")) b.cv_warning = n["cv_warning"].AsDouble();
  if (n.Has("e2e_samples")) b.e2e_samples = static_cast<int>(n["e2e_samples"].AsInt());
  if (b.warmup < 0 || b.repetitions < 1 || b.min_time_s <= 0) n.Fail("warmup >= 0, repetitions >= 1, min_time > 0");
  return b;
}

std::map<std::string, std::string> ParsePoint(const YamlNode& n) {
  if (!n.node.IsMap()) n.Fail("a point maps setting names to values");
  std::map<std::string, std::string> point;
  for (const auto& kv : n.node) point[kv.first.as<std::string>()] = kv.second.as<std::string>();
  return point;
}

SweepSpec ParseSweep(const YamlNode& n, const std::vector<std::string>& kinds) {
  n.ExpectKeys({"kind", "grid", "points"});
  SweepSpec s;
  if (n.Has("kind")) s.kind = n["kind"].AsChoice(kinds);
  if (n.Has("grid")) {
    const YamlNode grid = n["grid"];
    if (!grid.node.IsMap()) grid.Fail("grid maps setting names to lists of values");
    std::map<std::string, std::vector<std::string>> axes;
    for (const auto& kv : grid.node) {
      axes[kv.first.as<std::string>()] = YamlNode{kv.second, grid.file, grid.documents}.AsStrings();
    }
    s.points = ExpandGrid(axes);
  }
  for (const auto& p : n["points"].Items()) s.points.push_back(ParsePoint(p));
  if (s.points.empty()) n.Fail("a sweep needs a 'grid' or 'points'");
  return s;
}

}  // namespace

RunConfig LoadRunConfig(const std::string& path, const std::vector<std::string>& overrides) {
  const YamlNode root = LoadYamlWithIncludes(path, overrides);
  root.ExpectKeys({"name", "output", "reports", "reference", "backends", "models", "resume", "bench", "sweep", "peers"});
  RunConfig c;
  c.path = path;
  c.name = root.Has("name") ? root["name"].AsString() : fs::path(path).stem().string();
  c.output_dir = root.Has("output") ? root["output"].AsPath() : (fs::path("out") / c.name).string();
  if (root.Has("reports")) {
    c.reports.clear();
    for (const auto& r : root["reports"].Items()) c.reports.push_back(r.AsChoice({"md", "csv", "html"}));
  }
  const std::vector<std::string> kinds = BackendKinds();
  c.reference = root.Has("reference") ? ParseBackend(root["reference"], kinds) : BackendSpec{"reference", "reference", {}, 0};
  for (const auto& b : root["backends"].Items()) c.backends.push_back(ParseBackend(b, kinds));
  if (root.Has("bench")) c.bench = ParseBench(root["bench"]);
  if (root.Has("sweep")) {
    c.sweep = ParseSweep(root["sweep"], kinds);
    for (const auto& point : c.sweep->points) {
      BackendSpec b;
      b.kind = c.sweep->kind;
      b.name = b.kind + "[" + PointLabel(point) + "]";
      b.settings = point;
      c.backends.push_back(std::move(b));
    }
  }
  for (const auto& p : root["peers"].Items()) c.peers.push_back(p.AsChoice({"onnxruntime", "opencv"}));
  if (c.backends.empty()) {
    root.Fail("'backends' (or 'sweep') must list at least one engine to compare with the reference");
  }
  std::set<std::string> names;
  for (const auto& b : c.backends) {
    if (!names.insert(b.name).second) root["backends"].Fail("two backends are named '" + b.name + "'; name them");
  }
  size_t i = 0;
  for (const auto& m : root["models"].Items()) c.models.push_back(ParseModel(m, i++));
  if (c.models.empty()) root.Fail("'models' must list at least one model");
  if (root.Has("resume")) c.resume = root["resume"].AsBool();
  return c;
}

}  // namespace parity
