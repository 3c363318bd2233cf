#include <chrono>
#include <map>

#include "exec/executable_impl.h"
#include "ir/import.h"
#include "passes/pass.h"

namespace parity::rt {
namespace {

void CountOps(const onnx::GraphProto& g, std::map<std::string, int>* c) {
  for (const auto& n : g.node()) ++(*c)[n.op_type()];
}

void CollectNames(const onnx::GraphProto& g, std::set<std::string>* names) {
  for (const auto& in : g.input()) names->insert(in.name());
  for (const auto& n : g.node()) {
    for (const auto& o : n.output()) names->insert(o);
    for (const auto& a : n.attribute()) {
      if (a.has_g()) CollectNames(a.g(), names);
    }
  }
}

TensorInfo InfoOf(const Graph& g, int v, const std::string& name, int onnx_dtype) {
  TensorInfo t;
  t.name = name;
  t.dtype = onnx_dtype;
  t.dims = g.values[v].shape_known ? g.values[v].dims : Dims{};
  return t;
}

void FillStats(Executable::Impl& impl, const onnx::ModelProto& model) {
  std::map<std::string, int> before, after;
  CountOps(model.graph(), &before);
  for (const auto& n : impl.graph.nodes) ++after[n.Describe()];
  std::set<std::string> ops;
  for (const auto& [k, v] : before) ops.insert(k);
  for (const auto& [k, v] : after) ops.insert(k);
  for (const auto& op : ops) impl.stats.op_counts.push_back({op, before[op], after[op]});
  for (const auto& v : impl.graph.values) {
    if (v.is_const()) impl.stats.weight_bytes += v.data->buf.size();
  }
}

void FillFused(Executable::Impl& impl) {
  for (const auto& n : impl.graph.nodes) {
    FusedNodeInfo f;
    f.name = n.name;
    f.op = n.Describe();
    f.onnx_nodes = n.covers;
    for (int o : n.outputs) f.outputs.push_back(impl.graph.values[o].name);
    impl.fused.push_back(std::move(f));
  }
}

// Options the model gives nothing to act on: said, not refused (sweeps apply one option set to many models).
std::vector<std::string> InapplicableOptions(const onnx::ModelProto& model, const CompileOptions& o) {
  std::map<std::string, int> ops;
  CountOps(model.graph(), &ops);
  const bool convs = ops.count("Conv") > 0 || ops.count("ConvTranspose") > 0;
  std::vector<std::string> notes;
  if (o.layout == Layout::kNchwc && !convs) {
    notes.push_back("layout=nchwc has no effect: the model has no convolutions (it runs in plain layout)");
  }
  if (o.conv_algo != ConvAlgo::kAuto && !convs) {
    notes.push_back(std::string("conv=") + ToString(o.conv_algo) + " has no effect: the model has no convolutions");
  }
  return notes;
}

// True when some graph input has a static batch of 1 that CompileOptions::batch rebatches.
bool Rebatched(const onnx::ModelProto& model, const CompileOptions& o) {
  if (o.batch == 1) return false;
  for (const auto& in : model.graph().input()) {
    const auto& shape = in.type().tensor_type().shape();
    if (shape.dim_size() > 0 && shape.dim(0).has_dim_value() && shape.dim(0).dim_value() == 1) return true;
  }
  return false;
}

}  // namespace

std::unique_ptr<Executable> Compile(const onnx::ModelProto& model, const CompileOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  try {
    options.Validate();
  } catch (const OptionsError& e) {
    throw CompileError(e.what());
  }
  Graph g = ImportModel(model, options);
  // Names and dtypes of the graph I/O are captured before passes may rewire outputs.
  std::vector<std::pair<std::string, int>> outs;
  for (size_t i = 0; i < g.outputs.size(); ++i) {
    outs.emplace_back(model.graph().output(static_cast<int>(i)).name(), g.values[g.outputs[i]].onnx_dtype);
  }
  InferResult r;
  try {
    r = InferShapesInliningIfs(g, options);
  } catch (const CompileError& e) {
    if (!Rebatched(model, options)) throw;
    throw CompileError(std::string(e.what()) + "\n  (batch=" + std::to_string(options.batch) +
                       " rebatches the model's static batch-1 inputs, but the graph fixes its batch elsewhere, as "
                       "this node shows: compile it with batch=1, or re-export it with a symbolic batch)");
  }
  auto impl = std::make_unique<Executable::Impl>(Graph(), options);
  CollectNames(model.graph(), &impl->onnx_value_names);
  if (!r.dynamic) {
    impl->stats.passes_run = RunPasses(g, options);
    g.Compact();
    InferShapes(g, options, true);
  }
  for (int v : g.inputs) {
    impl->in_ports.push_back({v, g.values[v].onnx_dtype, g.values[v].dims});
    impl->input_infos.push_back(InfoOf(g, v, g.values[v].name, g.values[v].onnx_dtype));
  }
  for (size_t i = 0; i < g.outputs.size(); ++i) {
    impl->out_ports.push_back({g.outputs[i], outs[i].second, g.values[g.outputs[i]].dims});
    impl->output_infos.push_back(InfoOf(g, g.outputs[i], outs[i].first, outs[i].second));
  }
  impl->graph = std::move(g);
  impl->stats.dynamic = r.dynamic;
  if (r.dynamic) {
    impl->BuildDynamic();
  } else {
    impl->BuildStatic();
  }
  FillStats(*impl, model);
  impl->stats.notes = InapplicableOptions(model, options);
  FillFused(*impl);
  impl->stats.compile_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return std::make_unique<Executable>(std::move(impl));
}

Executable::Executable(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Executable::~Executable() = default;
const std::vector<TensorInfo>& Executable::inputs() const {
  return impl_->input_infos;
}
const std::vector<TensorInfo>& Executable::outputs() const {
  return impl_->output_infos;
}
std::vector<HostTensor> Executable::Run(const std::vector<HostTensor>& inputs) {
  return impl_->Run(inputs);
}
const std::vector<FusedNodeInfo>& Executable::FusedNodes() const {
  return impl_->fused;
}
const CompileStats& Executable::stats() const {
  return impl_->stats;
}
const CompileOptions& Executable::options() const {
  return impl_->options;
}
int Executable::CompiledBodies() const {
  return impl_->CompiledBodies();
}

std::vector<std::string> Executable::IntermediateNames() const {
  std::vector<std::string> names;
  for (const auto& [name, v] : impl_->kept) names.push_back(name);
  return names;
}

HostTensor Executable::Intermediate(const std::string& name) const {
  if (!impl_->options.keep_intermediates) throw RunError("compile with keep_intermediates to read intermediates");
  auto it = impl_->kept.find(name);
  if (it == impl_->kept.end()) throw RunError("intermediate '" + name + "' was fused away or does not exist");
  return impl_->ReadValue(it->second);
}

}  // namespace parity::rt
