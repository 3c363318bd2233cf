#include "harness/run/model_runner.h"

#include <onnx/onnx_pb.h>

#include <chrono>
#include <cmath>
#include <optional>

#include "harness/backends/backend.h"
#include "harness/compare/layerwise.h"
#include "harness/compare/metrics.h"
#include "harness/core/errors.h"
#include "harness/datasets/dataset.h"
#include "harness/inputs/feeds.h"
#include "harness/io/onnx_model.h"
#include "harness/run/accuracy.h"
#include "harness/run/gates.h"

namespace parity {

namespace {

using Feeds = std::map<std::string, Value>;

std::string OptionName(const BackendSpec& b) {
  std::string s;
  for (const auto& [k, v] : b.settings) s += (s.empty() ? "" : ",") + k + "=" + v;
  if (b.threads > 0) s += (s.empty() ? "" : ",") + std::string("threads=") + std::to_string(b.threads);
  return s;
}

std::unique_ptr<Backend> Make(const BackendSpec& spec, bool keep_intermediates,
                              const Feeds* feeds = nullptr) {
  BackendOptions o;
  if (feeds != nullptr) {
    for (const auto& [name, value] : *feeds) {
      if (value.kind == Value::Kind::kTensor) o.input_shapes[name] = value.tensor.dims;
    }
  }
  o.threads = spec.threads;
  o.settings = spec.settings;
  o.keep_intermediates = keep_intermediates;
  return CreateBackend(spec.kind, o);
}

// Folds one feed set's metrics into the worst seen so far.
void MergeWorst(const OutputMetrics& m, report::OutputResult& r) {
  for (const auto& [name, value] : m.values) {
    auto it = r.metrics.find(name);
    if (it == r.metrics.end()) {
      r.metrics[name] = value;
    } else {
      it->second = Worse(name, it->second, value);
    }
  }
  r.nan_count += m.got_nan;
  r.inf_count += m.got_inf;
}

report::ModelInfo DescribeModel(const ModelSpec& spec, const onnx::ModelProto& proto, const Feeds& feeds) {
  report::ModelInfo info;
  info.name = spec.name;
  info.path = spec.path;
  info.opset = DefaultOpset(proto);
  for (const auto& [name, value] : feeds) {
    if (value.kind != Value::Kind::kTensor) continue;
    info.inputs.push_back({name, ElementTypeShortName(value.tensor.dtype), value.tensor.dims});
  }
  return info;
}

struct Truth {
  onnx::ModelProto proto;
  std::unique_ptr<Backend> backend;
  std::vector<IoInfo> outputs;
  std::vector<Feeds> feed_sets;
  std::vector<std::map<std::string, Value>> outputs_per_set;
  std::unique_ptr<Dataset> dataset;
  std::optional<Predictions> predictions;  // computed on first use
};

void CompareOutputsOf(const ModelSpec& model, Truth& truth, Backend& tested, report::Run& run) {
  std::map<std::string, report::OutputResult> results;
  for (size_t s = 0; s < truth.feed_sets.size(); ++s) {
    const auto got = tested.Run(truth.feed_sets[s]);
    for (const auto& info : truth.outputs) {
      auto g = got.find(info.name);
      const auto& t = truth.outputs_per_set[s].at(info.name);
      if (g == got.end()) throw InputError("output '" + info.name + "' was not produced");
      if (g->second.kind != Value::Kind::kTensor || t.kind != Value::Kind::kTensor) continue;
      report::OutputResult& r = results[info.name];
      r.name = info.name;
      r.dtype = ElementTypeShortName(g->second.tensor.declared);
      r.shape = g->second.tensor.dims;
      const OutputMetrics m = CompareOutputs(g->second.tensor, t.tensor, model.metric_options);
      if (!m.comparable) throw InputError("output '" + info.name + "': " + m.note);
      MergeWorst(m, r);
    }
  }
  for (const auto& info : truth.outputs) {
    auto it = results.find(info.name);
    if (it == results.end()) continue;
    if (!model.metrics.empty()) {
      std::map<std::string, double> kept;
      for (const auto& name : model.metrics) {
        if (it->second.metrics.count(name)) kept[name] = it->second.metrics[name];
      }
      it->second.metrics = kept;
    }
    run.outputs.push_back(it->second);
  }
}

void RunBackend(const ModelSpec& model, const BackendSpec& spec, Truth& truth, report::Run& run) {
  std::unique_ptr<Backend> tested;
  try {
    tested = Make(spec, model.layerwise, &truth.feed_sets.front());
  } catch (const InputError& e) {
    run.status = report::RunStatus::kInvalid;  // the option point itself is rejected
    run.error = e.what();
    return;
  }
  run.backend.name = spec.name + (tested->name() != spec.kind ? " " + tested->name() : "");
  tested->Load(truth.proto);
  CompareOutputsOf(model, truth, *tested, run);
  if (model.layerwise) {
    LayerwiseOptions lo;
    lo.tested_kind = spec.kind;
    lo.tested_options.threads = spec.threads;
    lo.tested_options.settings = spec.settings;
    lo.metric = model.layerwise_metric;
    lo.threshold = model.layerwise_threshold;
    // Intermediates are those of each engine's last run: run both on the same feeds right before comparing.
    truth.backend->Run(truth.feed_sets.front());
    tested->Run(truth.feed_sets.front());
    run.layerwise = ComputeLayerwise(truth.proto, *truth.backend, *tested, truth.feed_sets.front(), lo);
  }
  if (truth.dataset) {
    if (!truth.predictions) {
      truth.predictions = Predict(*truth.backend, *truth.dataset, "", ProgressBar(model.name + " reference"));
    }
    const Predictions got = Predict(*tested, *truth.dataset, "", ProgressBar(model.name + " " + spec.name));
    run.accuracy = ScoreAccuracy(truth.dataset->Describe(), *truth.predictions, got);
  }
}

}  // namespace

std::vector<Feeds> BuildFeedSets(const ModelSpec& model, const std::vector<IoInfo>& inputs) {
  std::vector<Feeds> sets;
  for (const auto& dir : model.data_sets) {
    FeedOptions fo;
    fo.dir = dir;
    fo.dims = model.dims;
    sets.push_back(MakeFeeds(inputs, fo));
  }
  if (!sets.empty()) return sets;
  Feeds feeds;
  uint64_t seed = 0;
  for (const auto& info : inputs) {
    const InputSpec* spec = nullptr;
    for (const auto& s : model.inputs) {
      if (s.name == info.name) spec = &s;
    }
    if (spec && !spec->file.empty()) {
      feeds[info.name] = ReadValueFile(spec->file);
      continue;
    }
    GeneratorSpec gen = spec ? spec->generator : GeneratorSpec{};
    if (!spec) {
      gen.seed = seed;
      if (!IsFloatingType(info.type)) {
        gen.low = 0;
        gen.high = 2;
      }
    }
    ++seed;
    const Dims dims = spec && spec->shape ? *spec->shape : ResolveDims(info, model.dims);
    feeds[info.name] = GenerateTensor(info, dims, gen);
  }
  for (const auto& s : model.inputs) {
    if (!feeds.count(s.name)) throw InputError("config names input '" + s.name + "', which the model does not have");
  }
  sets.push_back(std::move(feeds));
  return sets;
}

std::string RunIdOf(const ModelSpec& model, const BackendSpec& backend) {
  return report::MakeRunId(model.name, backend.name, OptionName(backend));
}

void RunModel(const RunConfig& config, const ModelSpec& model, const std::function<bool(const std::string&)>& skip,
              const std::function<void(report::Run)>& finished) {
  std::vector<const BackendSpec*> pending;
  for (const auto& b : config.backends) {
    if (!skip(RunIdOf(model, b))) pending.push_back(&b);
  }
  if (pending.empty()) return;
  Truth truth;
  std::string model_error;
  try {
    truth.proto = LoadModel(model.path);
    truth.backend = Make(config.reference, model.layerwise);
    truth.backend->Load(truth.proto);
    truth.outputs = truth.backend->outputs();
    truth.feed_sets = BuildFeedSets(model, truth.backend->inputs());
    for (const auto& feeds : truth.feed_sets) truth.outputs_per_set.push_back(truth.backend->Run(feeds));
    if (model.dataset) truth.dataset = OpenDataset(*model.dataset, truth.backend->inputs());
  } catch (const std::exception& e) {
    model_error = std::string("the reference could not run the model: ") + e.what();
  }
  for (const BackendSpec* spec : pending) {
    const auto start = std::chrono::steady_clock::now();
    report::Run run;
    run.id = RunIdOf(model, *spec);
    run.model.name = model.name;
    run.model.path = model.path;
    run.backend.kind = spec->kind;
    run.backend.name = spec->name;
    run.backend.options = spec->settings;
    run.backend.option_name = OptionName(*spec);
    run.reference_backend = config.reference.name;
    if (!model_error.empty()) {
      run.status = report::RunStatus::kError;
      run.error = model_error;
    } else {
      run.model = DescribeModel(model, truth.proto, truth.feed_sets.front());
      try {
        RunBackend(model, *spec, truth, run);
      } catch (const std::exception& e) {
        run.status = report::RunStatus::kError;
        run.error = e.what();
      }
    }
    if (run.status == report::RunStatus::kOk) {
      EvaluateGates(model.gates, run);
    } else {
      run.verdict = report::DeriveVerdict(run);
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    finished(std::move(run));
  }
}

}  // namespace parity
