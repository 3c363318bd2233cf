// JSON -> Results with validation: every error names the source, the JSON path and what is wrong.
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/results.h"

namespace parity::report {
namespace {

using nlohmann::json;

// A JSON value together with where it sits, so that every check can say where it failed.
class In {
 public:
  In(const json& j, std::string path, const std::string& source) : j_(j), path_(std::move(path)), source_(source) {}

  [[noreturn]] void Fail(const std::string& what) const { throw ResultsError(source_, path_, what); }

  In At(const char* key) const {  // a required field
    Expect(j_.is_object(), "an object");
    auto it = j_.find(key);
    if (it == j_.end()) Fail(fmt::format("required field '{}' is missing", key));
    return In(*it, path_ + "." + key, source_);
  }
  std::optional<In> Opt(const char* key) const {  // an optional field; null counts as absent
    Expect(j_.is_object(), "an object");
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return std::nullopt;
    return In(*it, path_ + "." + key, source_);
  }

  std::string Str() const {
    Expect(j_.is_string(), "a string");
    return j_.get<std::string>();
  }
  bool Bool() const {
    Expect(j_.is_boolean(), "true or false");
    return j_.get<bool>();
  }
  int64_t Int() const {
    Expect(j_.is_number_integer(), "an integer");
    if (j_.is_number_unsigned() && j_.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      Fail("integer out of range");
    }
    return j_.get<int64_t>();
  }
  double Num() const {
    if (j_.is_number()) return j_.get<double>();
    if (j_.is_string()) {  // non-finite values are written as strings (results_json.cc)
      const auto& s = j_.get_ref<const std::string&>();
      if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
      if (s == "Infinity") return std::numeric_limits<double>::infinity();
      if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    }
    Fail(fmt::format("expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), got {}", Describe()));
  }

  template <typename F>
  auto Items(F&& f) const {  // maps f over the elements of an array
    Expect(j_.is_array(), "an array");
    std::vector<decltype(f(std::declval<In>()))> out;
    for (size_t i = 0; i < j_.size(); ++i) out.push_back(f(In(j_[i], fmt::format("{}[{}]", path_, i), source_)));
    return out;
  }
  template <typename F>
  auto Members(F&& f) const {  // maps f over the values of an object, keeping the keys
    Expect(j_.is_object(), "an object");
    std::map<std::string, decltype(f(std::declval<In>()))> out;
    for (const auto& [k, v] : j_.items()) out.emplace(k, f(In(v, path_ + "." + k, source_)));
    return out;
  }

 private:
  void Expect(bool ok, const char* what) const {
    if (!ok) Fail(fmt::format("expected {}, got {}", what, Describe()));
  }
  std::string Describe() const {
    if (j_.is_string()) {
      std::string s = j_.get<std::string>();
      if (s.size() > 40) s = s.substr(0, 40) + "...";
      return fmt::format("string \"{}\"", s);
    }
    return j_.type_name();
  }

  const json& j_;
  std::string path_;
  const std::string& source_;
};

std::string S(const In& v) {
  return v.Str();
}
double D(const In& v) {
  return v.Num();
}
int64_t I(const In& v) {
  return v.Int();
}

std::optional<double> OptNum(const In& obj, const char* key) {
  auto v = obj.Opt(key);
  return v ? std::optional<double>(v->Num()) : std::nullopt;
}

TensorInfo ReadTensor(const In& j) {
  return {j.At("name").Str(), j.At("dtype").Str(), j.At("shape").Items(I)};
}

Environment ReadEnvironment(const In& j) {
  Environment e;
  e.cpu_model = j.At("cpu_model").Str();
  e.cpu_flags = j.At("cpu_flags").Items(S);
  e.cores = j.At("cores").Int();
  e.memory_bytes = j.At("memory_bytes").Int();
  e.os = j.At("os").Str();
  e.compiler = j.At("compiler").Str();
  e.build_type = j.At("build_type").Str();
  e.libraries = j.At("libraries").Members(S);
  e.git_revision = j.At("git_revision").Str();
  e.hostname = j.At("hostname").Str();
  e.peak_gflops = OptNum(j, "peak_gflops");
  if (auto src = j.Opt("peak_gflops_source")) e.peak_gflops_source = src->Str();
  return e;
}

ModelInfo ReadModel(const In& j) {
  return {j.At("name").Str(), j.At("path").Str(), j.At("sha256").Str(), j.At("opset").Int(),
          j.At("inputs").Items(ReadTensor)};
}

BackendInfo ReadBackend(const In& j) {
  return {j.At("kind").Str(), j.At("name").Str(), j.At("options").Members(S), j.At("option_name").Str()};
}

OutputResult ReadOutput(const In& j) {
  OutputResult o;
  o.name = j.At("name").Str();
  o.dtype = j.At("dtype").Str();
  o.shape = j.At("shape").Items(I);
  o.metrics = j.At("metrics").Members(D);
  o.nan_count = j.At("nan_count").Int();
  o.inf_count = j.At("inf_count").Int();
  return o;
}

Gate ReadGate(const In& j) {
  Gate g{j.At("scope").Str(),     j.At("metric").Str(), j.At("op").Str(),
         j.At("threshold").Num(), j.At("value").Num(),  j.At("passed").Bool()};
  if (g.op != ">=" && g.op != "<=" && g.op != ">" && g.op != "<") {
    j.At("op").Fail(fmt::format("gate operator '{}' is not one of >=, <=, >, <", g.op));
  }
  return g;
}

Flip ReadFlip(const In& j) {
  return {j.At("sample").Int(), j.At("id").Str(), j.At("label").Int(), j.At("reference_top1").Int(),
          j.At("backend_top1").Int()};
}

Accuracy ReadAccuracy(const In& j) {
  Accuracy a;
  a.dataset = j.At("dataset").Str();
  a.samples = j.At("samples").Int();
  a.top1 = j.At("top1").Num();
  a.top5 = j.At("top5").Num();
  a.reference_top1 = j.At("reference_top1").Num();
  a.reference_top5 = j.At("reference_top5").Num();
  a.delta_top1 = j.At("delta_top1").Num();
  a.delta_top5 = j.At("delta_top5").Num();
  a.flip_count = j.At("flip_count").Int();
  a.flips = j.At("flips").Items(ReadFlip);
  return a;
}

LayerRow ReadLayerRow(const In& j) {
  return {j.At("index").Int(),        j.At("node").Str(),       j.At("op").Str(),
          j.At("output").Str(),       j.At("fused_into").Str(), j.At("cumulative").Members(D),
          j.At("isolated").Members(D)};
}

Layerwise ReadLayerwise(const In& j) {
  Layerwise l;
  l.metric = j.At("metric").Str();
  l.threshold = j.At("threshold").Num();
  if (auto d = j.Opt("first_divergent")) {
    l.first_divergent = Divergence{d->At("node").Str(), d->At("op").Str(), d->At("output").Str(), d->At("value").Num()};
  }
  l.rows = j.At("rows").Items(ReadLayerRow);
  return l;
}

LatencyStats ReadStats(const In& j) {
  LatencyStats s;
  s.samples_ms = j.At("samples_ms").Items(D);
  s.mean_ms = j.At("mean_ms").Num();
  s.median_ms = j.At("median_ms").Num();
  s.p90_ms = j.At("p90_ms").Num();
  s.p95_ms = j.At("p95_ms").Num();
  s.p99_ms = j.At("p99_ms").Num();
  s.min_ms = j.At("min_ms").Num();
  s.max_ms = j.At("max_ms").Num();
  s.stddev_ms = j.At("stddev_ms").Num();
  s.cv = j.At("cv").Num();
  s.percentiles_ms = j.At("percentiles_ms").Members(D);
  return s;
}

Perf ReadPerf(const In& j) {
  Perf p;
  p.compute = ReadStats(j.At("compute"));
  if (auto e = j.Opt("e2e")) {
    p.e2e = E2eStats{ReadStats(*e), e->At("fps").Num()};
  }
  p.throughput_ips = j.At("throughput_ips").Num();
  p.batch = j.At("batch").Int();
  p.instances = j.At("instances").Int();
  p.threads = j.At("threads").Int();
  p.flops = j.At("flops").Num();
  p.gflops = OptNum(j, "gflops");
  p.pct_peak = OptNum(j, "pct_peak");
  p.compile_ms = OptNum(j, "compile_ms");
  if (auto m = j.Opt("peak_memory_bytes")) p.peak_memory_bytes = m->Int();
  p.stages_overlap = j.At("stages_overlap").Bool();
  p.warnings = j.At("warnings").Items(S);
  return p;
}

template <typename T>
T ReadEnum(const In& j, std::optional<T> (*parse)(const std::string&), const char* allowed) {
  const std::string name = j.Str();
  if (auto v = parse(name)) return *v;
  j.Fail(fmt::format("'{}' is not one of {}", name, allowed));
}

Run ReadRun(const In& j) {
  Run r;
  r.id = j.At("id").Str();
  r.model = ReadModel(j.At("model"));
  r.backend = ReadBackend(j.At("backend"));
  r.reference_backend = j.At("reference_backend").Str();
  r.status = ReadEnum<RunStatus>(j.At("status"), ParseRunStatus, "ok, error, invalid");
  r.error = j.At("error").Str();
  r.outputs = j.At("outputs").Items(ReadOutput);
  r.gates = j.At("gates").Items(ReadGate);
  r.verdict = ReadEnum<Verdict>(j.At("verdict"), ParseVerdict, "pass, fail, error, invalid, none");
  if (auto a = j.Opt("accuracy")) r.accuracy = ReadAccuracy(*a);
  if (auto l = j.Opt("layerwise")) r.layerwise = ReadLayerwise(*l);
  if (auto p = j.Opt("perf")) r.perf = ReadPerf(*p);
  r.seconds = j.At("seconds").Num();
  return r;
}

// Accepts exactly "parity.results/<major>" with major == kSchemaMajor; says what to do otherwise.
void CheckSchema(const In& j) {
  const std::string schema = j.Str();
  const std::string prefix = kSchemaPrefix;
  if (schema.compare(0, prefix.size(), prefix) != 0) {
    j.Fail(fmt::format("'{}' is not a parity results schema (expected '{}')", schema, kSchemaId));
  }
  const std::string major = schema.substr(prefix.size());
  if (major != std::to_string(kSchemaMajor)) {
    j.Fail(
        fmt::format("schema '{}' has major version '{}', but this build of parity reads only '{}'; "
                    "use a parity release that supports it",
                    schema, major, kSchemaId));
  }
}

}  // namespace

Results FromJson(const nlohmann::json& json, const std::string& source) {
  const In root(json, "$", source);
  CheckSchema(root.At("schema"));  // first, so a foreign file is reported as such, not as a missing field
  Results r;
  r.schema = root.At("schema").Str();
  r.created = root.At("created").Str();
  r.tool_version = root.At("tool_version").Str();
  r.environment = ReadEnvironment(root.At("environment"));
  const In config = root.At("config");
  r.config = {config.At("path").Str(), config.At("name").Str()};
  r.runs = root.At("runs").Items(ReadRun);
  return r;
}

Results ParseResults(const std::string& text, const std::string& source) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann's message carries the byte offset and what was expected (e.g. a truncated file).
    throw ResultsError(source, "", fmt::format("not valid JSON ({})", e.what()));
  }
  return FromJson(j, source);
}

}  // namespace parity::report
