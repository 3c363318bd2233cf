#include "harness/compare/layerwise.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <limits>
#include <set>

#include "harness/compare/metrics.h"
#include "harness/core/errors.h"

namespace parity {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::map<std::string, double> MetricsOf(const Value& got, const Value& truth) {
  if (got.kind != Value::Kind::kTensor || truth.kind != Value::Kind::kTensor) return {};
  const OutputMetrics m = CompareOutputs(got.tensor, truth.tensor, MetricOptions{});
  std::map<std::string, double> out = m.values;
  // Integer values (shapes, indices) have no cosine: their exact-match rate stands in for it.
  if (!out.count("cosine") && out.count("exact_match")) out["cosine"] = out["exact_match"];
  return out;
}

double Get(const std::map<std::string, double>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? kNaN : it->second;
}

// A model holding only `node`, its inputs fed as graph inputs (initializers copied), for isolated runs.
onnx::ModelProto SingleNodeModel(const onnx::ModelProto& model, const onnx::NodeProto& node,
                                 const std::map<std::string, Value>& values) {
  onnx::ModelProto m;
  m.set_ir_version(model.ir_version());
  *m.mutable_opset_import() = model.opset_import();
  auto* g = m.mutable_graph();
  g->set_name("isolated");
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
    if (it == values.end() || it->second.kind != Value::Kind::kTensor) throw InputError("no tensor value for " + in);
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

// The tested engine's node alone on the truth's inputs (rounded to their declared types, as the engine would
// see them), compared with the truth's output.
std::map<std::string, double> Isolated(const onnx::ModelProto& model, const onnx::NodeProto& node,
                                       const std::string& output, const std::map<std::string, Value>& truth_values,
                                       const LayerwiseOptions& options) {
  for (const auto& a : node.attribute()) {
    if (a.has_g() || a.graphs_size()) return {};  // control flow: no meaningful isolation
  }
  try {
    BackendOptions bo = options.tested_options;
    bo.keep_intermediates = false;
    auto backend = CreateBackend(options.tested_kind, bo);
    backend->Load(SingleNodeModel(model, node, truth_values));
    std::map<std::string, Value> feeds;
    for (const auto& in : backend->inputs()) {
      Value v = truth_values.at(in.name);
      if (v.kind == Value::Kind::kTensor && v.tensor.dtype != v.tensor.declared) {
        v.tensor = Tensor::FromDoubles(v.tensor.declared, v.tensor.dims, v.tensor.ToDoubles());
      }
      feeds[in.name] = v;
    }
    const auto got = backend->Run(feeds);
    return MetricsOf(got.at(output), truth_values.at(output));
  } catch (const std::exception&) {
    return {};  // the node cannot run alone (e.g. an op only the fused kernel supports): no isolated figure
  }
}

}  // namespace

bool CrossesThreshold(const std::string& metric, double value, double threshold) {
  if (std::isnan(value)) return false;
  return HigherIsBetter(metric) ? value < threshold : value > threshold;
}

report::Layerwise ComputeLayerwise(const onnx::ModelProto& model, const Backend& truth, const Backend& tested,
                                   const std::map<std::string, Value>& feeds, const LayerwiseOptions& options) {
  report::Layerwise result;
  result.metric = options.metric;
  result.threshold = options.threshold;
  std::map<std::string, Value> truth_values = feeds;
  const std::vector<NamedValue> order = truth.Intermediates();
  for (const auto& v : order) truth_values[v.name] = v.value;
  std::map<std::string, NamedValue> tested_values;
  for (auto& v : tested.Intermediates()) tested_values[v.name] = v;
  std::map<std::string, const onnx::NodeProto*> producer;
  for (const auto& n : model.graph().node()) {
    for (const auto& o : n.output()) producer[o] = &n;
  }
  int64_t index = 0;
  for (const auto& v : order) {
    auto t = tested_values.find(v.name);
    if (t == tested_values.end()) continue;
    report::LayerRow row;
    row.index = index++;
    row.node = v.node_name;
    row.op = v.op_type;
    row.output = v.name;
    if (!t->second.op_type.empty() && t->second.op_type != v.op_type) row.fused_into = t->second.node_name + " (" + t->second.op_type + ")";
    row.cumulative = MetricsOf(t->second.value, v.value);
    auto p = producer.find(v.name);
    if (p != producer.end()) row.isolated = Isolated(model, *p->second, v.name, truth_values, options);
    const double value = Get(row.cumulative, options.metric);
    if (!result.first_divergent && CrossesThreshold(options.metric, value, options.threshold)) {
      result.first_divergent = report::Divergence{row.node, row.op, row.output, value};
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

}  // namespace parity
