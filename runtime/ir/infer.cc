#include <algorithm>
#include <cstring>
#include <set>
#include <string>

#include "ir/import.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

bool IsControlFlow(const Node& n) {
  return n.domain.empty() && (n.op == "If" || n.op == "Loop" || n.op == "Scan");
}

bool ShouldFold(const Graph& g, const Node& n, const std::vector<TensorDesc>& outs) {
  if (n.op == "Shape" || n.op == "Size") return true;
  for (int in : n.inputs) {
    if (in >= 0 && !g.values[in].is_const()) return false;
  }
  // Float math is the constant_folding pass's job (fusion=none keeps it as the model has it), but ops that only
  // move values are exact: folding them gives kernels that need constant data (LSTM's W taken through Slice and
  // Unsqueeze) their weights at compile time.
  static const std::set<std::string> kMovesOnly = {"Concat", "Expand", "Flatten", "Gather", "Identity",  "Reshape",
                                                   "Slice",  "Split",  "Squeeze", "Tile",   "Transpose", "Unsqueeze"};
  if (n.domain.empty() && kMovesOnly.count(n.op)) return true;
  for (const auto& o : outs) {
    if (o.dtype == DType::kF32) return false;
  }
  return true;
}

}  // namespace

std::vector<TensorDesc> InputDescs(const Graph& g, const Node& node) {
  std::vector<TensorDesc> descs(node.inputs.size());
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    int v = node.inputs[i];
    if (v < 0) continue;
    const Value& val = g.values[v];
    descs[i].dtype = val.dtype;
    descs[i].dims = val.dims;
    descs[i].layout = val.layout;
    descs[i].block = val.block;
    descs[i].data = val.data;
  }
  return descs;
}

namespace {

// CompileOptions::fault_injection: the wrapped kernel's float outputs come out scaled by (1 + 1e-3).
class FaultyKernel : public Kernel {
 public:
  FaultyKernel(std::unique_ptr<Kernel> inner, std::vector<TensorDesc> outputs)
      : inner_(std::move(inner)), outputs_(std::move(outputs)) {}
  void Prepare() override { inner_->Prepare(); }
  size_t ScratchBytes() const override { return inner_->ScratchBytes(); }
  int AliasInputOf(int output) const override { return inner_->AliasInputOf(output); }
  double Flops() const override { return inner_->Flops(); }
  void Run(const RunContext& ctx) override {
    inner_->Run(ctx);
    for (size_t o = 0; o < ctx.out.size() && o < outputs_.size(); ++o) {
      if (outputs_[o].dtype != DType::kF32 || ctx.out[o].data == nullptr || ctx.out[o].dims == nullptr) continue;
      int64_t n = 1;
      for (int64_t d : *ctx.out[o].dims) n *= d;
      float* p = ctx.out[o].as<float>();
      for (int64_t i = 0; i < n; ++i) p[i] *= 1.001f;
    }
  }

 private:
  std::unique_ptr<Kernel> inner_;
  std::vector<TensorDesc> outputs_;
};

// Stands in for a kernel whose outputs are all empty: there is nothing to compute, and kernels need not handle
// zero-element tensors (whose data pointers may be null).
class EmptyOutputKernel : public Kernel {
 public:
  void Run(const RunContext&) override {}
};

bool AllEmpty(const std::vector<TensorDesc>& outs) {
  if (outs.empty()) return false;
  for (const auto& o : outs) {
    if (NumElements(o.dims) != 0) return false;
  }
  return true;
}

std::unique_ptr<Kernel> MakeFaultyKernel(std::unique_ptr<Kernel> inner, std::vector<TensorDesc> outputs) {
  return std::make_unique<FaultyKernel>(std::move(inner), std::move(outputs));
}

}  // namespace

std::unique_ptr<Kernel> CreateKernel(const Node& node, int opset, const std::vector<TensorDesc>& inputs,
                                     const CompileOptions& options, std::vector<TensorDesc>* outputs,
                                     std::vector<bool>* data_used) {
  const OpSchema* schema = OpRegistry::Get().Find(node.domain, node.op, opset, options.precision);
  if (schema == nullptr) {
    throw CompileError("node '" + node.name + "' (" + node.op + "): op" +
                       (node.domain.empty() ? "" : " in domain '" + node.domain + "'") + " at opset " +
                       std::to_string(opset) + " is not supported by the runtime [options " + options.CanonicalName() +
                       "]");
  }
  KernelBuilder b(node, inputs, options);
  std::unique_ptr<Kernel> k = schema->factory(b);
  if (AllEmpty(b.outputs())) k = std::make_unique<EmptyOutputKernel>();
  if (!options.fault_injection.empty() && options.fault_injection == node.op) {
    k = MakeFaultyKernel(std::move(k), b.outputs());
  }
  if (outputs) *outputs = b.outputs();
  if (data_used) {
    *data_used = b.data_used();
    data_used->resize(inputs.size(), false);
  }
  return k;
}

std::vector<ConstPtr> RunPrepared(Kernel& k, const std::vector<TensorDesc>& inputs, const std::vector<TensorDesc>& outs,
                                  ThreadPool* pool) {
  std::vector<ConstPtr> results;
  RunContext ctx;
  ctx.pool = pool;
  for (const auto& d : inputs) ctx.in.push_back({d.data ? const_cast<void*>(d.data->buf.data()) : nullptr, &d.dims});
  for (const auto& o : outs) {
    auto c = std::make_shared<ConstTensor>();
    c->dtype = o.dtype;
    c->dims = o.dims;
    Value tmp;
    tmp.dtype = o.dtype;
    tmp.dims = o.dims;
    tmp.layout = o.layout;
    tmp.block = o.block;
    // Kernels write every output byte (the static path hands them reused arena memory), so the interpreter's
    // fresh outputs and scratch skip the zero fill: it was 15% of Silero VAD's run time.
    c->buf.Resize(std::max<size_t>(tmp.StorageBytes(), 1), /*zero=*/false);
    results.push_back(c);
  }
  for (size_t i = 0; i < outs.size(); ++i) ctx.out.push_back({results[i]->buf.data(), &results[i]->dims});
  Buffer scratch;
  scratch.Resize(k.ScratchBytes(), /*zero=*/false);
  ctx.scratch = scratch.data();
  k.Run(ctx);
  return results;
}

std::vector<ConstPtr> EvaluateNode(const Node& node, int opset, const std::vector<TensorDesc>& inputs,
                                   const CompileOptions& options, ThreadPool* pool) {
  std::vector<TensorDesc> outs;
  std::unique_ptr<Kernel> k = CreateKernel(node, opset, inputs, options, &outs);
  k->Prepare();
  return RunPrepared(*k, inputs, outs, pool);
}

void CheckOpsSupported(const Graph& g, const CompileOptions& options) {
  for (const auto& n : g.nodes) {
    if (n.removed) continue;
    if (IsControlFlow(n)) {
      if (n.op == "Scan") throw CompileError("node '" + n.name + "' (Scan): not supported by the runtime");
      for (const auto& [name, sub] : n.subgraphs) CheckOpsSupported(*sub, options);
      continue;
    }
    if (!OpRegistry::Get().Find(n.domain, n.op, g.opset, options.precision)) {
      throw CompileError("node '" + n.name + "' (" + n.op + "): op at opset " + std::to_string(g.opset) +
                         " is not supported by the runtime [options " + options.CanonicalName() + "]");
    }
  }
}

InferResult InferShapes(Graph& g, const CompileOptions& options, bool fold_shape_math) {
  InferResult r;
  auto mark_dynamic = [&](const Node& n, const std::string& why) {
    for (int o : n.outputs) g.values[o].shape_known = false;
    if (!r.dynamic) r.dynamic_why = why;
    r.dynamic = true;
  };
  for (auto& n : g.nodes) {
    if (n.removed) continue;
    if (IsControlFlow(n)) {
      mark_dynamic(n, "node '" + n.name + "' (" + n.op + ") is control flow");
      continue;
    }
    bool known = true;
    for (int in : n.inputs) known = known && (in < 0 || g.values[in].shape_known);
    if (!known) {
      mark_dynamic(n, "node '" + n.name + "' has inputs with run-time shapes");
      continue;
    }
    std::vector<TensorDesc> descs = InputDescs(g, n);
    std::vector<TensorDesc> outs;
    try {
      CreateKernel(n, g.opset, descs, options, &outs);
    } catch (const NeedsDataError& e) {
      mark_dynamic(n, e.what());
      continue;
    }
    for (size_t i = 0; i < n.outputs.size(); ++i) {
      Value& v = g.values[n.outputs[i]];
      v.dtype = outs[i].dtype;
      v.dims = outs[i].dims;
      v.layout = outs[i].layout;
      v.block = outs[i].block;
      v.shape_known = true;
      if (!v.graph_output)
        v.onnx_dtype = v.dtype == DType::kF32   ? onnx_type::kFloat
                       : v.dtype == DType::kI64 ? onnx_type::kInt64
                                                : onnx_type::kBool;
    }
    const OpSchema* schema = OpRegistry::Get().Find(n.domain, n.op, g.opset, options.precision);
    if (fold_shape_math && schema->foldable && ShouldFold(g, n, outs)) {
      std::vector<ConstPtr> vals = EvaluateNode(n, g.opset, descs, options);
      for (size_t i = 0; i < n.outputs.size(); ++i) g.values[n.outputs[i]].data = vals[i];
      n.removed = true;
      ++r.folded;
    }
  }
  return r;
}

}  // namespace parity::rt
