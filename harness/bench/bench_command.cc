#include "harness/bench/bench_command.h"

#include <onnx/onnx_pb.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <random>
#include <set>
#include <sstream>

#include "harness/backends/backend.h"
#include "harness/bench/peers.h"
#include "harness/bench/timing.h"
#include "harness/compare/metrics.h"
#include "harness/core/errors.h"
#include "harness/datasets/dataset.h"
#include "harness/io/onnx_model.h"
#include "harness/run/accuracy.h"
#include "harness/run/gates.h"
#include "harness/run/model_runner.h"
#include "harness/run/results_files.h"

namespace parity {

namespace fs = std::filesystem;

namespace {

using Feeds = std::map<std::string, Value>;

// The percentiles the config asks for (e.g. p99.9), on top of the standard ones.
void AddPercentiles(report::LatencyStats& stats, const std::vector<double>& samples, const std::vector<double>& qs) {
  std::vector<double> sorted = samples;
  std::sort(sorted.begin(), sorted.end());
  if (sorted.empty()) return;
  for (double q : qs) {
    std::ostringstream key;
    key << "p" << q;
    stats.percentiles_ms[key.str()] = report::Percentile(sorted, q);
  }
}

double NowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// `t` (first dim 1) repeated `batch` times along the first dim: a batch of identical samples.
Tensor Repeat(const Tensor& t, int64_t batch) {
  if (batch == 1) return t;
  if (t.dims.empty() || t.dims[0] != 1) {
    throw InputError("cannot batch a tensor of shape " + DimsToString(t.dims) + ": its first dim is not 1");
  }
  Tensor out = t;
  out.dims[0] = batch;
  out.data.clear();
  out.strings.clear();
  for (int64_t b = 0; b < batch; ++b) {
    out.data.insert(out.data.end(), t.data.begin(), t.data.end());
    out.strings.insert(out.strings.end(), t.strings.begin(), t.strings.end());
  }
  return out;
}

Feeds RepeatAll(const Feeds& feeds, int64_t batch) {
  Feeds out;
  for (const auto& [name, v] : feeds) out[name] = v.kind == Value::Kind::kTensor ? Value(Repeat(v.tensor, batch)) : v;
  return out;
}

int64_t SettingInt(const std::map<std::string, std::string>& s, const std::string& key, int64_t fallback) {
  auto it = s.find(key);
  if (it == s.end()) return fallback;
  try {
    return std::stoll(it->second);
  } catch (const std::exception&) {
    throw InputError("setting " + key + "=" + it->second + " is not an integer");
  }
}

// Per model: the proto, the truth's outputs at batch 1, its feeds, its dataset.
struct ModelState {
  onnx::ModelProto proto;
  Feeds feeds;
  std::map<std::string, Value> truth;
  std::vector<IoInfo> outputs;
  std::unique_ptr<Dataset> dataset;
  std::string error;
};

ModelState PrepareModel(const RunConfig& config, const ModelSpec& model) {
  ModelState s;
  try {
    s.proto = LoadModel(model.path);
    BackendOptions o;
    o.threads = config.reference.threads;
    o.settings = config.reference.settings;
    auto truth = CreateBackend(config.reference.kind, o);
    truth->Load(s.proto);
    s.feeds = BuildFeedSets(model, truth->inputs()).front();
    s.truth = truth->Run(s.feeds);
    s.outputs = truth->outputs();
    if (model.dataset) s.dataset = OpenDataset(*model.dataset, truth->inputs());
  } catch (const std::exception& e) {
    s.error = std::string("the reference could not run the model: ") + e.what();
  }
  return s;
}

void FillPrecision(const ModelSpec& model, const ModelState& state, const std::map<std::string, Value>& got,
                   int64_t batch, report::Run& run) {
  for (const auto& info : state.outputs) {
    auto g = got.find(info.name);
    auto t = state.truth.find(info.name);
    if (g == got.end() || t == state.truth.end()) throw InputError("output '" + info.name + "' missing");
    if (g->second.kind != Value::Kind::kTensor || t->second.kind != Value::Kind::kTensor) continue;
    const Tensor truth = Repeat(t->second.tensor, batch);
    const OutputMetrics m = CompareOutputs(g->second.tensor, truth, model.metric_options);
    if (!m.comparable) throw InputError("output '" + info.name + "': " + m.note);
    report::OutputResult r;
    r.name = info.name;
    r.dtype = ElementTypeShortName(g->second.tensor.declared);
    r.shape = g->second.tensor.dims;
    r.metrics = m.values;
    r.nan_count = m.got_nan;
    r.inf_count = m.got_inf;
    run.outputs.push_back(std::move(r));
  }
}

report::E2eStats TimeEndToEnd(Backend& backend, const Dataset& dataset, int samples) {
  std::vector<double> ms;
  const size_t n = std::min<size_t>(dataset.size(), static_cast<size_t>(std::max(1, samples)));
  for (size_t i = 0; i < n; ++i) {
    const double t0 = NowMs();
    const Sample s = dataset.Get(i);                      // read + decode + preprocess
    const auto out = backend.Run(s.inputs);               // infer
    TopClasses(out.begin()->second, 5);                   // postprocess
    ms.push_back(NowMs() - t0);
  }
  report::E2eStats e;
  static_cast<report::LatencyStats&>(e) = report::ComputeLatencyStats(ms);
  e.fps = e.mean_ms > 0 ? 1000.0 / e.mean_ms : 0;
  return e;
}

int64_t PeakRssBytes() {
  struct rusage u {};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<int64_t>(u.ru_maxrss) * 1024;
}

void AddPerfFigures(report::Perf& p, double flops_per_run, const std::optional<double>& peak, double cv_warning) {
  p.flops = flops_per_run;
  if (flops_per_run > 0 && p.throughput_ips > 0) {
    p.gflops = flops_per_run / static_cast<double>(p.batch) * p.throughput_ips / 1e9;
    if (peak && *peak > 0) p.pct_peak = *p.gflops / *peak * 100.0;
  }
  if (p.compute.cv > cv_warning) {
    std::ostringstream w;
    w << std::fixed << std::setprecision(1) << "cv " << 100 * p.compute.cv << "% > " << 100 * cv_warning
      << "%: noisy measurement, compare with care";
    p.warnings.push_back(w.str());
  }
}

// Times one option point of a model; the run records invalid options, errors and everything measured.
void BenchPoint(const RunConfig& config, const ModelSpec& model, ModelState& state, const BackendSpec& spec,
                const std::optional<double>& peak, std::vector<GbRun>& gb_runs, report::Run& run) {
  const int64_t batch = SettingInt(spec.settings, "batch", 1);
  const int64_t instances = SettingInt(spec.settings, "instances", 1);
  const Feeds feeds = RepeatAll(state.feeds, batch);
  BackendOptions o;
  o.threads = spec.threads;
  o.settings = spec.settings;
  for (const auto& [name, v] : feeds) {
    if (v.kind == Value::Kind::kTensor) o.input_shapes[name] = v.tensor.dims;
  }
  std::vector<std::unique_ptr<Backend>> engines;
  double compile_ms = 0;
  try {
    for (int64_t i = 0; i < instances; ++i) {
      engines.push_back(CreateBackend(spec.kind, o));
      const double t0 = NowMs();
      engines.back()->Load(state.proto);
      if (i == 0) compile_ms = NowMs() - t0;
    }
  } catch (const InputError& e) {
    run.status = report::RunStatus::kInvalid;  // the point's options do not apply to this model
    run.error = e.what();
    return;
  }
  run.backend.name = spec.name + " " + engines.front()->name();
  FillPrecision(model, state, engines.front()->Run(feeds), batch, run);
  report::Perf perf;
  perf.batch = batch;
  perf.instances = instances;
  perf.threads = SettingInt(spec.settings, "threads", spec.threads);
  perf.compile_ms = compile_ms;
  const TimingResult timing = TimeCompute(model.name + "/" + spec.name, *engines.front(), feeds, config.bench);
  gb_runs.insert(gb_runs.end(), timing.gb_runs.begin(), timing.gb_runs.end());
  perf.compute = report::ComputeLatencyStats(timing.samples_ms);
  AddPercentiles(perf.compute, timing.samples_ms, config.bench.percentiles);
  perf.throughput_ips = perf.compute.mean_ms > 0 ? 1000.0 * batch / perf.compute.mean_ms : 0;
  if (instances > 1) {
    std::vector<Backend*> raw;
    for (auto& e : engines) raw.push_back(e.get());
    const int iterations = std::max<int>(10, static_cast<int>(timing.samples_ms.size() / instances));
    const ConcurrentResult c = TimeConcurrent(raw, feeds, iterations);
    perf.compute = report::ComputeLatencyStats(c.samples_ms);  // per-request latency under load
    AddPercentiles(perf.compute, c.samples_ms, config.bench.percentiles);
    perf.throughput_ips = c.wall_s > 0 ? static_cast<double>(c.inferences * batch) / c.wall_s : 0;
  }
  if (state.dataset && batch == 1) {
    perf.e2e = TimeEndToEnd(*engines.front(), *state.dataset, config.bench.e2e_samples);
    perf.stages_overlap = false;
  }
  perf.peak_memory_bytes = PeakRssBytes();
  AddPerfFigures(perf, engines.front()->Flops(), peak, config.bench.cv_warning);
  run.perf = std::move(perf);
}

struct Task {
  const ModelSpec* model;
  const BackendSpec* point = nullptr;  // else a peer
  std::string peer;
  int peer_threads = 1;
  std::string id;
};

std::vector<Task> PlanTasks(const RunConfig& config) {
  std::vector<Task> tasks;
  std::set<int> thread_counts;
  for (const auto& b : config.backends) thread_counts.insert(static_cast<int>(SettingInt(b.settings, "threads", 1)));
  for (const auto& m : config.models) {
    for (const auto& b : config.backends) tasks.push_back({&m, &b, "", 1, RunIdOf(m, b)});
    for (const auto& peer : config.peers) {
      for (int t : thread_counts) {
        tasks.push_back({&m, nullptr, peer, t, report::MakeRunId(m.name, peer + " t" + std::to_string(t), "")});
      }
    }
  }
  if (config.bench.interleave) {
    std::mt19937_64 rng(config.bench.seed);
    std::shuffle(tasks.begin(), tasks.end(), rng);
  }
  return tasks;
}

std::string Cell(const std::optional<double>& v, int precision) {
  if (!v) return "-";
  std::ostringstream os;
  os << std::fixed << std::setprecision(precision) << *v;
  return os.str();
}

void PrintTables(const RunConfig& config, const report::Results& results, std::ostream& out) {
  for (const auto& model : config.models) {
    out << "\n" << model.name << "\n";
    out << std::left << std::setw(58) << "point" << std::right << std::setw(10) << "p50 ms" << std::setw(10)
        << "p99 ms" << std::setw(10) << "inf/s" << std::setw(9) << "e2e fps" << std::setw(9) << "GFLOP/s"
        << std::setw(8) << "%peak" << std::setw(12) << "cosine" << std::setw(11) << "max_abs" << "  verdict\n";
    const report::Run* best_latency = nullptr;
    const report::Run* best_throughput = nullptr;
    std::vector<const report::Run*> rows;
    for (const auto& run : results.runs) {
      if (run.model.name == model.name) rows.push_back(&run);
    }
    std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->backend.name < b->backend.name; });
    for (const report::Run* row : rows) {
      const report::Run& run = *row;
      std::optional<double> p50, p99, ips, fps, gflops, pct;
      if (run.perf) {
        p50 = run.perf->compute.median_ms;
        p99 = run.perf->compute.p99_ms;
        ips = run.perf->throughput_ips;
        if (run.perf->e2e) fps = run.perf->e2e->fps;
        gflops = run.perf->gflops;
        pct = run.perf->pct_peak;
      }
      out << std::left << std::setw(58) << run.backend.name.substr(0, 57) << std::right << std::setw(10)
          << Cell(p50, 3) << std::setw(10) << Cell(p99, 3) << std::setw(10) << Cell(ips, 1) << std::setw(9)
          << Cell(fps, 1) << std::setw(9) << Cell(gflops, 1) << std::setw(8) << Cell(pct, 1) << std::setw(12)
          << Cell(WorstMetric(run, "cosine"), 8) << std::setw(11) << Cell(WorstMetric(run, "max_abs"), 7) << "  "
          << (run.verdict == report::Verdict::kFail ? "FAIL" : report::VerdictName(run.verdict))
          << (run.status != report::RunStatus::kOk ? "  " + run.error.substr(0, 100) : "") << "\n";
      // Best points are chosen among the sweep's points that passed their gates (peers carry no verdict).
      const bool usable = run.perf && run.verdict == report::Verdict::kPass && run.status == report::RunStatus::kOk;
      if (usable && (!best_latency || run.perf->compute.median_ms < best_latency->perf->compute.median_ms)) {
        best_latency = &run;
      }
      if (usable && (!best_throughput || run.perf->throughput_ips > best_throughput->perf->throughput_ips)) {
        best_throughput = &run;
      }
    }
    if (best_latency) {
      out << "best passing point for latency:    " << best_latency->backend.name << " (p50 "
          << Cell(best_latency->perf->compute.median_ms, 3) << " ms)\n";
    }
    if (best_throughput) {
      out << "best passing point for throughput: " << best_throughput->backend.name << " ("
          << Cell(best_throughput->perf->throughput_ips, 1) << " inf/s)\n";
    }
  }
}

}  // namespace

int RunBench(const RunConfig& config, std::ostream& out) {
  std::optional<double> peak = config.bench.peak_gflops;
  if (!peak && config.bench.measure_peak) peak = MeasurePeakGflops();
  auto results = OpenResults(config, peak, config.bench.peak_gflops ? "configured" : "measured");
  report::ResultsWriter& writer = *results;
  const std::string& results_path = writer.path();
  out << "config   " << config.path << (writer.resumed() ? " (resuming: finished points are kept)" : "") << "\n"
      << "results  " << results_path << "\npeak     " << (peak ? Cell(peak, 1) + " GFLOP/s" : std::string("-"))
      << "\n";
  std::map<const ModelSpec*, ModelState> states;
  std::vector<GbRun> gb_runs;
  bool failed = false;
  for (const Task& task : PlanTasks(config)) {
    if (writer.Has(task.id)) continue;
    auto it = states.find(task.model);
    if (it == states.end()) it = states.emplace(task.model, PrepareModel(config, *task.model)).first;
    ModelState& state = it->second;
    const double start = NowMs();
    report::Run run;
    run.id = task.id;
    run.model.name = task.model->name;
    run.model.path = task.model->path;
    run.reference_backend = config.reference.name;
    run.backend.kind = task.point ? task.point->kind : task.peer;
    run.backend.name = task.point ? task.point->name : task.peer + " t" + std::to_string(task.peer_threads);
    if (task.point) run.backend.options = task.point->settings;
    try {
      if (!state.error.empty()) throw InputError(state.error);
      run.model.opset = DefaultOpset(state.proto);
      for (const auto& [name, value] : state.feeds) {
        if (value.kind == Value::Kind::kTensor) {
          run.model.inputs.push_back({name, ElementTypeShortName(value.tensor.dtype), value.tensor.dims});
        }
      }
      if (task.point) {
        BenchPoint(config, *task.model, state, *task.point, peak, gb_runs, run);
      } else {
        run.perf = TimePeer(task.peer, *task.model, state.proto, state.feeds, task.peer_threads, config.bench);
        AddPerfFigures(*run.perf, 0, peak, config.bench.cv_warning);
      }
    } catch (const std::exception& e) {
      run.status = report::RunStatus::kError;
      run.error = e.what();
    }
    if (run.status == report::RunStatus::kOk && task.point) {
      EvaluateGates(task.model->gates, run);
    } else {
      run.verdict = report::DeriveVerdict(run);
    }
    failed = failed || run.verdict == report::Verdict::kFail;
    run.seconds = (NowMs() - start) / 1000.0;
    out << "done     " << run.model.name << " / " << run.backend.name << ": " << report::VerdictName(run.verdict)
        << (run.perf ? " (p50 " + Cell(run.perf->compute.median_ms, 3) + " ms)" : std::string()) << "\n";
    writer.Append(std::move(run));
  }
  if (!gb_runs.empty()) WriteGoogleBenchmarkJson(gb_runs, (fs::path(config.output_dir) / "benchmark.json").string());
  PrintTables(config, writer.results(), out);
  WriteReports(config, writer.results(), out);
  return failed ? 1 : 0;
}

}  // namespace parity
