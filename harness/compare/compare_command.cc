#include "harness/compare/compare_command.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <limits>
#include <set>

#include "harness/compare/metrics.h"
#include "harness/core/errors.h"
#include "harness/inputs/feeds.h"
#include "harness/io/npy.h"
#include "harness/io/onnx_model.h"

namespace parity {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool HigherIsBetter(const std::string& metric) {
  return metric == "cosine" || metric == "snr_db" || metric == "top1_agreement" || metric == "topk_agreement" ||
         metric == "exact_match";
}

double MetricOf(const Value& got, const Value& ref, const std::string& metric) {
  if (got.kind != Value::Kind::kTensor || ref.kind != Value::Kind::kTensor) return kNaN;
  const OutputMetrics m = CompareOutputs(got.tensor, ref.tensor, MetricOptions{});
  auto it = m.values.find(metric);
  if (it != m.values.end()) return it->second;
  if (metric == "cosine" && m.values.count("exact_match")) return m.values.at("exact_match");
  return kNaN;
}

std::unique_ptr<Backend> MakeBackend(const std::string& kind, const CompareOptions& o, bool truth, bool keep) {
  BackendOptions bo;
  bo.threads = o.threads;
  bo.keep_intermediates = keep;
  if (!truth) bo.settings = o.settings;
  return CreateBackend(kind, bo);
}

void PrintOutputTable(const std::string& backend, const std::map<std::string, Value>& got,
                      const std::map<std::string, Value>& truth, const std::vector<IoInfo>& outputs,
                      std::ostream& out) {
  out << "\n" << backend << " vs truth\n";
  out << std::left << std::setw(24) << "output" << std::setw(16) << "shape" << std::right << std::setw(12) << "cosine"
      << std::setw(12) << "max_abs" << std::setw(12) << "max_rel" << std::setw(10) << "snr_db" << std::setw(10)
      << "max_ulp" << std::setw(10) << "top1" << "  nan/inf\n";
  for (const auto& info : outputs) {
    auto g = got.find(info.name);
    auto t = truth.find(info.name);
    out << std::left << std::setw(24) << info.name;
    if (g == got.end() || t == truth.end() || g->second.kind != Value::Kind::kTensor ||
        t->second.kind != Value::Kind::kTensor) {
      out << "(not a tensor on both sides)\n";
      continue;
    }
    const OutputMetrics m = CompareOutputs(g->second.tensor, t->second.tensor, MetricOptions{});
    out << std::setw(16) << DimsToString(t->second.tensor.dims) << std::right;
    if (!m.comparable) {
      out << "  " << m.note << "\n";
      continue;
    }
    auto col = [&](const char* name, int width) {
      auto it = m.values.find(name);
      std::ostringstream cell;
      if (it != m.values.end()) cell << std::setprecision(6) << it->second; else cell << "-";
      out << std::setw(width) << cell.str();
    };
    col("cosine", 12);
    col("max_abs", 12);
    col("max_rel", 12);
    col("snr_db", 10);
    col("max_ulp", 10);
    col("top1_agreement", 10);
    out << "  " << m.got_nan << "/" << m.got_inf << (m.nonfinite_mismatches ? " MISMATCH" : "") << "\n";
  }
}

// A model holding only `node`, its inputs fed as graph inputs (initializers copied), for isolated runs.
onnx::ModelProto SingleNodeModel(const onnx::ModelProto& model, const onnx::NodeProto& node,
                                 const std::map<std::string, Value>& values) {
  onnx::ModelProto m;
  m.set_ir_version(model.ir_version());
  *m.mutable_opset_import() = model.opset_import();
  auto* g = m.mutable_graph();
  g->set_name("isolated_" + node.name());
  *g->add_node() = node;
  std::set<std::string> inits;
  for (const auto& init : model.graph().initializer()) {
    for (const auto& in : node.input()) {
      if (in == init.name() && inits.insert(in).second) *g->add_initializer() = init;
    }
  }
  for (const auto& in : node.input()) {
    if (in.empty() || inits.count(in)) continue;
    auto it = values.find(in);
    if (it == values.end() || it->second.kind != Value::Kind::kTensor) throw InputError("no value for " + in);
    auto* vi = g->add_input();
    vi->set_name(in);
    auto* tt = vi->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(static_cast<int32_t>(it->second.tensor.declared));
    for (int64_t d : it->second.tensor.dims) tt->mutable_shape()->add_dim()->set_dim_value(d);
  }
  for (const auto& o : node.output()) {
    if (!o.empty()) g->add_output()->set_name(o);
  }
  return m;
}

// The tested backend's node alone on the truth's inputs, compared with the truth's output.
double IsolatedMetric(const onnx::ModelProto& model, const onnx::NodeProto& node, const std::string& output,
                      const std::map<std::string, Value>& truth_values, const std::string& kind,
                      const CompareOptions& options) {
  for (const auto& a : node.attribute()) {
    if (a.has_g() || a.graphs_size()) return kNaN;  // control flow: no meaningful isolation
  }
  try {
    const onnx::ModelProto single = SingleNodeModel(model, node, truth_values);
    auto backend = MakeBackend(kind, options, false, false);
    backend->Load(single);
    std::map<std::string, Value> feeds;
    for (const auto& in : backend->inputs()) {
      Value v = truth_values.at(in.name);
      // The truth holds doubles; feed the tested engine values rounded to the declared type, as it would see.
      if (v.kind == Value::Kind::kTensor && v.tensor.dtype != v.tensor.declared) {
        v.tensor = Tensor::FromDoubles(v.tensor.declared, v.tensor.dims, v.tensor.ToDoubles());
      }
      feeds[in.name] = v;
    }
    auto got = backend->Run(feeds);
    return MetricOf(got.at(output), truth_values.at(output), options.metric);
  } catch (const std::exception&) {
    return kNaN;
  }
}

void RunLayerwise(const onnx::ModelProto& model, Backend& truth, Backend& tested, const std::string& kind,
                  const std::map<std::string, Value>& feeds, const CompareOptions& options, std::ostream& out) {
  std::map<std::string, Value> truth_values = feeds;
  std::vector<NamedValue> order = truth.Intermediates();
  for (const auto& v : order) truth_values[v.name] = v.value;
  std::map<std::string, NamedValue> tested_values;
  for (auto& v : tested.Intermediates()) tested_values[v.name] = v;
  std::map<std::string, const onnx::NodeProto*> producer;
  for (const auto& n : model.graph().node()) {
    for (const auto& o : n.output()) producer[o] = &n;
  }
  out << "\nlayer-wise " << tested.name() << " vs truth (" << options.metric << ", threshold " << options.threshold
      << ")\n";
  out << std::left << std::setw(5) << "#" << std::setw(32) << "value" << std::setw(18) << "op" << std::setw(24)
      << "fused into" << std::right << std::setw(14) << "cumulative" << std::setw(14) << "isolated" << "\n";
  size_t index = 0;
  bool found = false;
  for (const auto& v : order) {
    auto t = tested_values.find(v.name);
    if (t == tested_values.end()) continue;
    LayerRow row;
    row.index = index++;
    row.value = v.name;
    row.op = v.op_type;
    row.node = v.node_name;
    row.fused_into = t->second.op_type != v.op_type ? t->second.node_name + " (" + t->second.op_type + ")" : "";
    row.cumulative = MetricOf(t->second.value, v.value, options.metric);
    auto p = producer.find(v.name);
    row.isolated = p == producer.end() ? kNaN
                                       : IsolatedMetric(model, *p->second, v.name, truth_values, kind, options);
    row.diverged = CrossesThreshold(options.metric, row.cumulative, options.threshold);
    out << std::left << std::setw(5) << row.index << std::setw(32) << row.value.substr(0, 31) << std::setw(18)
        << row.op << std::setw(24) << row.fused_into.substr(0, 23) << std::right << std::setw(14)
        << std::setprecision(8) << row.cumulative << std::setw(14) << row.isolated
        << (row.diverged ? "  <- diverged" : "") << "\n";
    if (row.diverged && !found) {
      found = true;
      const bool local = CrossesThreshold(options.metric, row.isolated, options.threshold);
      out << "first divergent node: '" << row.node << "' (" << row.op << "), output '" << row.value << "': "
          << options.metric << " " << row.cumulative
          << (std::isnan(row.isolated) ? "" : local ? " — the node alone diverges too: a local error"
                                                      : " — the node alone agrees: accumulated error")
          << "\n";
    }
  }
  if (!found) out << "no value crosses the threshold\n";
}

}  // namespace

bool CrossesThreshold(const std::string& metric, double value, double threshold) {
  if (std::isnan(value)) return false;
  return HigherIsBetter(metric) ? value < threshold : value > threshold;
}

int RunCompare(const CompareOptions& options, std::ostream& out) {
  if (options.backends.size() < 2) throw InputError("--backends needs at least two engines (the first is the truth)");
  const onnx::ModelProto model = LoadModel(options.model_path);
  auto truth = MakeBackend(options.backends[0], options, true, options.layerwise);
  truth->Load(model);
  FeedOptions fo;
  fo.dir = options.inputs_dir;
  fo.seed = options.seed;
  fo.dims = options.dims;
  const auto feeds = MakeFeeds(truth->inputs(), fo);
  const auto truth_out = truth->Run(feeds);
  out << "model " << options.model_path << "\ntruth " << truth->name() << "\n";
  for (size_t b = 1; b < options.backends.size(); ++b) {
    auto tested = MakeBackend(options.backends[b], options, false, options.layerwise);
    tested->Load(model);
    const auto got = tested->Run(feeds);
    PrintOutputTable(tested->name(), got, truth_out, truth->outputs(), out);
    if (!options.save_dir.empty()) {
      std::filesystem::create_directories(options.save_dir);
      for (const auto& [name, value] : got) {
        if (value.kind == Value::Kind::kTensor) {
          WriteNpy(value.tensor, options.save_dir + "/" + options.backends[b] + "_" + name + ".npy");
        }
      }
    }
    if (options.layerwise) RunLayerwise(model, *truth, *tested, options.backends[b], feeds, options, out);
  }
  return 0;
}

}  // namespace parity
