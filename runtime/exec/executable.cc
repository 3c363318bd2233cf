#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "exec/executable_impl.h"
#include "ir/import.h"
#include "passes/memory_plan.h"

namespace parity::rt {

Executable::Impl::Impl(Graph g, CompileOptions o, ThreadPool* shared_pool)
    : graph(std::move(g)), options(std::move(o)), pool_(shared_pool) {
  if (!pool_) {
    own_pool_ = std::make_unique<ThreadPool>(options.threads);
    pool_ = own_pool_.get();
  }
  const char* p = std::getenv("PARITY_RT_PROFILE");
  profile_ = p && (*p == '1' || *p == '2');
  profile_nodes_ = p && *p == '2';
}

Executable::Impl::~Impl() {
  if (!profile_ || runs_ == 0) return;
  std::map<std::string, double> by_op;
  double total = 0;
  for (size_t i = 0; i < step_ms_.size(); ++i) {
    by_op[graph.nodes[i].Describe()] += step_ms_[i] / runs_;
    total += step_ms_[i] / runs_;
  }
  std::fprintf(stderr, "profile (%d runs, %.3f ms/run):\n", runs_, total);
  for (const auto& [op, ms] : by_op) std::fprintf(stderr, "  %-28s %9.3f ms\n", op.c_str(), ms);
  if (!profile_nodes_) return;
  // Per node, in execution order, with the achieved rate: shows which shapes of an op are slow.
  for (size_t i = 0; i < step_ms_.size() && i < stats.nodes.size(); ++i) {
    const double ms = step_ms_[i] / runs_;
    std::fprintf(stderr, "  %4zu %-28s %-24s %9.3f ms %8.1f GFLOP/s %s %s\n", i, graph.nodes[i].Describe().c_str(),
                 graph.nodes[i].name.substr(0, 24).c_str(), ms, ms > 0 ? stats.nodes[i].flops / ms * 1e-6 : 0.0,
                 stats.nodes[i].splits ? "split " : "caller", stats.nodes[i].algorithm.c_str());
  }
}

// Concat inputs that are contiguous slices of the output are produced in place: the planner puts them inside the
// output's block and the Concat copies nothing. Only values with a buffer of their own qualify (not graph inputs,
// constants, aliases of another value, or a value fed twice to the same Concat).
void Executable::Impl::PlaceConcatInputsInOutputs(PlanRequest* req) const {
  const Graph& g = graph;
  req->alias_offset.assign(g.values.size(), 0);
  std::vector<bool> graph_input(g.values.size(), false);
  for (int v : g.inputs) graph_input[v] = true;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& n = g.nodes[i];
    for (size_t j = 0; j < n.inputs.size(); ++j) {
      const int v = n.inputs[j];
      const int64_t offset = kernels_[i]->InputOffsetInOutput(static_cast<int>(j));
      if (offset < 0 || v < 0 || g.values[v].is_const() || graph_input[v] || req->alias_of[v] >= 0) continue;
      if (std::count(n.inputs.begin(), n.inputs.end(), v) != 1) continue;
      req->alias_of[v] = n.outputs[0];
      req->alias_offset[v] = offset;
    }
  }
}

void Executable::Impl::BuildStatic() {
  Graph& g = graph;
  size_t nn = g.nodes.size();
  kernels_.resize(nn);
  PlanRequest req;
  req.scratch_bytes.assign(nn, 0);
  req.alias_of.assign(g.values.size(), -1);
  req.reuse = options.arena;
  req.keep_all = options.keep_intermediates;
  for (size_t i = 0; i < nn; ++i) {
    const Node& n = g.nodes[i];
    std::vector<TensorDesc> outs;
    kernels_[i] = CreateKernel(n, g.opset, InputDescs(g, n), options, &outs);
    kernels_[i]->Prepare();
    req.scratch_bytes[i] = kernels_[i]->ScratchBytes();
    for (size_t o = 0; o < n.outputs.size(); ++o) {
      int a = kernels_[i]->AliasInputOf(static_cast<int>(o));
      if (a >= 0 && n.inputs[a] >= 0 && !g.values[n.inputs[a]].is_const()) req.alias_of[n.outputs[o]] = n.inputs[a];
    }
    stats.nodes.push_back({n.name, n.Describe(), kernels_[i]->Flops(), kernels_[i]->Algorithm()});
    stats.total_flops += kernels_[i]->Flops();
  }
  PlaceConcatInputsInOutputs(&req);
  MemoryPlan plan = PlanMemory(g, req);
  if (!PlanIsValid(plan)) throw CompileError("internal error: memory plan has overlapping live values");
  offsets_ = plan.value_offset;
  arena_.Resize(plan.total_bytes);
  stats.arena_bytes = plan.total_bytes;
  dims_.resize(g.values.size());
  for (size_t v = 0; v < g.values.size(); ++v) dims_[v] = g.values[v].dims;
  for (size_t i = 0; i < nn; ++i) {
    const Node& n = g.nodes[i];
    Step s{kernels_[i].get(), {}};
    for (int v : n.inputs) s.ctx.in.push_back({v >= 0 ? ValuePtr(v) : nullptr, v >= 0 ? &dims_[v] : nullptr});
    for (int v : n.outputs) s.ctx.out.push_back({ValuePtr(v), &dims_[v]});
    s.ctx.scratch =
        plan.scratch_offset[i] >= 0 ? static_cast<uint8_t*>(arena_.data()) + plan.scratch_offset[i] : nullptr;
    s.ctx.pool = pool_;
    steps_.push_back(std::move(s));
  }
  MarkSpreadInputs();
  if (options.keep_intermediates) {
    for (size_t v = 0; v < g.values.size(); ++v) {
      const Value& val = g.values[v];
      if (onnx_value_names.count(val.name) && (offsets_[v] >= 0 || val.is_const()))
        kept[val.name] = static_cast<int>(v);
    }
  }
}

void Executable::Impl::MarkSpreadInputs() {
  const Graph& g = graph;
  std::vector<char> spread(g.values.size(), 0);  // graph inputs and constants count as the caller's
  for (size_t i = 0; i < steps_.size(); ++i) {
    const Node& n = g.nodes[i];
    RunContext& ctx = steps_[i].ctx;
    ctx.inputs_spread = false;
    for (int v : n.inputs) ctx.inputs_spread = ctx.inputs_spread || (v >= 0 && spread[v]);
    bool splits = steps_[i].kernel->Splits(ctx), view = true;
    for (size_t o = 0; o < n.outputs.size(); ++o) {
      const int a = steps_[i].kernel->AliasInputOf(static_cast<int>(o));  // a view is where its input is
      const int in = a >= 0 && a < static_cast<int>(n.inputs.size()) ? n.inputs[a] : -1;
      spread[n.outputs[o]] = in >= 0 ? spread[in] : splits;
      view = view && in >= 0;
    }
    if (i < stats.nodes.size()) stats.nodes[i].splits = splits && !view;
  }
}

void Executable::Impl::BuildDynamic() {
  dynamic = true;
  CheckOpsSupported(graph, options);
}

void* Executable::Impl::ValuePtr(int v) const {
  const Value& val = graph.values[v];
  if (val.is_const()) return const_cast<void*>(val.data->buf.data());
  if (offsets_[v] < 0) return nullptr;
  return static_cast<uint8_t*>(const_cast<Buffer&>(arena_).data()) + offsets_[v];
}

namespace {

// float64 inputs compute in float32: a finite value beyond its range would silently become infinity, so such
// inputs are refused (the message says "not supported" so callers count it as a refusal, not a wrong answer).
void CheckFitsFloat32(const HostTensor& t, const std::string& name) {
  const size_t n = t.bytes.size() / sizeof(double);
  for (size_t i = 0; i < n; ++i) {
    double v;
    std::memcpy(&v, t.bytes.data() + i * sizeof(double), sizeof(double));
    if (std::isfinite(v) && std::fabs(v) > static_cast<double>(std::numeric_limits<float>::max())) {
      char text[32];
      std::snprintf(text, sizeof(text), "%.6g", v);
      throw RunError("input '" + name + "': float64 value " + text +
                     " is outside the float32 range the runtime computes in (not supported)");
    }
  }
}

}  // namespace

void Executable::Impl::BindInputs(const std::vector<HostTensor>& inputs) {
  if (inputs.size() != in_ports.size()) {
    throw RunError("expected " + std::to_string(in_ports.size()) + " inputs, got " + std::to_string(inputs.size()));
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    const HostTensor& t = inputs[i];
    const PortBinding& p = in_ports[i];
    const std::string& name = input_infos[i].name;
    if (t.dims != p.dims) {
      throw RunError("input '" + name + "': dims " + DimsToString(t.dims) + " differ from compiled " +
                     DimsToString(p.dims));
    }
    DType want = graph.values[p.value].dtype, got;
    if (!StorageOf(t.dtype, &got) || got != want) {
      throw RunError("input '" + name + "': dtype " + OnnxTypeName(t.dtype) + " does not match " +
                     OnnxTypeName(p.onnx_dtype));
    }
    size_t n = static_cast<size_t>(NumElements(t.dims));
    if (t.bytes.size() != OnnxTypeBytes(t.dtype, n)) {
      throw RunError("input '" + name + "': " + std::to_string(t.bytes.size()) + " bytes, expected " +
                     std::to_string(OnnxTypeBytes(t.dtype, n)) + " for " + std::to_string(n) + " " +
                     OnnxTypeName(t.dtype) + " elements");
    }
    if (t.dtype == onnx_type::kDouble) CheckFitsFloat32(t, name);
  }
}

void Executable::Impl::CopyInput(const HostTensor& t, void* dst) const {
  const size_t n = static_cast<size_t>(NumElements(t.dims));
  // A large float image at 2+ threads: each thread copies the same rows of every plane that it will read first
  // (the first conv splits by output rows), so the rows land in its own core's cache instead of all in the
  // calling thread's (resnet50 / mobilenet_v2's stem at 2 threads read half their input from the other core).
  constexpr size_t kMinSplitFloats = size_t{1} << 16;
  if (t.dtype != onnx_type::kFloat || t.dims.size() < 3 || n < kMinSplitFloats || pool_->NumThreads() < 2) {
    ToStorage(t.dtype, t.bytes.data(), n, dst);
    return;
  }
  const int64_t rows = t.dims[t.dims.size() - 2], row_floats = t.dims.back();
  const int64_t planes = static_cast<int64_t>(n) / (rows * row_floats), parts = pool_->NumThreads();
  const float* src = reinterpret_cast<const float*>(t.bytes.data());
  float* out = static_cast<float*>(dst);
  pool_->ParallelFor(parts, [&](int64_t t0, int64_t t1) {
    const int64_t r0 = rows * t0 / parts, r1 = rows * t1 / parts;
    for (int64_t p = 0; p < planes; ++p) {
      const int64_t at = (p * rows + r0) * row_floats;
      std::memcpy(out + at, src + at, static_cast<size_t>((r1 - r0) * row_floats) * sizeof(float));
    }
  });
}

std::vector<HostTensor> Executable::Impl::Run(const std::vector<HostTensor>& inputs) {
  BindInputs(inputs);
  ThreadPool::Hold hold(pool_);
  if (dynamic) return RunDynamic(inputs);
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (void* dst = ValuePtr(in_ports[i].value)) CopyInput(inputs[i], dst);
  }
  RunSteps();
  std::vector<HostTensor> outs;
  for (const auto& p : out_ports) {
    HostTensor t;
    t.dtype = p.onnx_dtype;
    t.dims = graph.values[p.value].dims;
    size_t n = static_cast<size_t>(NumElements(t.dims));
    t.bytes.resize(OnnxTypeBytes(t.dtype, n));
    FromStorage(t.dtype, ValuePtr(p.value), n, t.bytes.data());
    outs.push_back(std::move(t));
  }
  return outs;
}

void Executable::Impl::RunSteps() {
  if (!profile_) {
    for (auto& s : steps_) s.kernel->Run(s.ctx);
    return;
  }
  step_ms_.resize(steps_.size(), 0.0);
  for (size_t i = 0; i < steps_.size(); ++i) {
    auto t0 = std::chrono::steady_clock::now();
    steps_[i].kernel->Run(steps_[i].ctx);
    step_ms_[i] += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
  ++runs_;
}

std::vector<ConstPtr> Executable::Impl::RunStorage(const std::vector<ConstPtr>& inputs) {
  for (size_t i = 0; i < inputs.size() && i < in_ports.size(); ++i) {
    void* dst = ValuePtr(in_ports[i].value);
    const size_t bytes = std::min(inputs[i]->buf.size(), graph.values[in_ports[i].value].StorageBytes());
    if (dst && bytes > 0) std::memcpy(dst, inputs[i]->buf.data(), bytes);
  }
  RunSteps();
  std::vector<ConstPtr> outs;
  for (const auto& p : out_ports) {
    const Value& v = graph.values[p.value];
    ConstPtr c = MakeConst(v.dtype, v.dims);
    const size_t bytes = std::min(c->buf.size(), v.StorageBytes());
    if (bytes > 0) std::memcpy(c->buf.data(), ValuePtr(p.value), bytes);
    outs.push_back(std::move(c));
  }
  return outs;
}

std::vector<HostTensor> Executable::Impl::RunDynamic(const std::vector<HostTensor>& inputs) {
  if (!kernel_cache_) kernel_cache_ = std::make_unique<KernelCache>();
  if (!subgraph_cache_) subgraph_cache_ = std::make_unique<SubgraphCache>(options, pool_);
  Interpreter interp(options, pool_, kernel_cache_.get(), subgraph_cache_.get());
  std::vector<ConstPtr> in;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Value& v = graph.values[in_ports[i].value];
    ConstPtr c = MakeConst(v.dtype, inputs[i].dims);
    ToStorage(inputs[i].dtype, inputs[i].bytes.data(), static_cast<size_t>(c->size()), c->buf.data());
    in.push_back(c);
  }
  std::vector<ConstPtr> all;
  std::vector<ConstPtr> res = interp.RunGraph(graph, in, nullptr, options.keep_intermediates ? &all : nullptr);
  if (options.keep_intermediates) {
    dyn_values_.clear();
    kept.clear();
    for (size_t v = 0; v < all.size(); ++v) {
      ConstPtr c = all[v] ? all[v] : graph.values[v].data;
      if (c && onnx_value_names.count(graph.values[v].name)) {
        dyn_values_[static_cast<int>(v)] = c;
        kept[graph.values[v].name] = static_cast<int>(v);
      }
    }
  }
  std::vector<HostTensor> outs;
  for (size_t i = 0; i < res.size(); ++i) {
    HostTensor t;
    t.dtype = out_ports[i].onnx_dtype;
    t.dims = res[i]->dims;
    size_t n = static_cast<size_t>(res[i]->size());
    t.bytes.resize(OnnxTypeBytes(t.dtype, n));
    FromStorage(t.dtype, res[i]->buf.data(), n, t.bytes.data());
    outs.push_back(std::move(t));
  }
  return outs;
}

int Executable::Impl::CompiledBodies() const {
  return subgraph_cache_ ? subgraph_cache_->Compiled() : 0;
}

HostTensor Executable::Impl::ReadValue(int v) const {
  const Value& val = graph.values[v];
  HostTensor t;
  t.dtype = val.dtype == DType::kF32   ? onnx_type::kFloat
            : val.dtype == DType::kI64 ? onnx_type::kInt64
                                       : onnx_type::kBool;
  const void* src = nullptr;
  if (dynamic) {
    auto it = dyn_values_.find(v);
    if (it == dyn_values_.end()) throw RunError("value '" + val.name + "' was not computed");
    t.dims = it->second->dims;
    src = it->second->buf.data();
  } else {
    t.dims = val.dims;
    src = ValuePtr(v);
  }
  size_t n = static_cast<size_t>(NumElements(t.dims));
  t.bytes.resize(n * DTypeSize(val.dtype));
  if (n == 0) return t;
  if (val.layout == MemLayout::kBlocked && !dynamic) {
    // Un-block (N, C/b, spatial, b) -> NCHW for the caller.
    int64_t N = t.dims[0], C = t.dims[1], b = val.block, cb = (C + b - 1) / b;
    int64_t hw = NumElements(t.dims) / (N * C);
    const float* s = static_cast<const float*>(src);
    float* d = reinterpret_cast<float*>(t.bytes.data());
    for (int64_t ni = 0; ni < N; ++ni)
      for (int64_t c = 0; c < C; ++c)
        for (int64_t i = 0; i < hw; ++i) d[(ni * C + c) * hw + i] = s[((ni * cb + c / b) * hw + i) * b + c % b];
  } else {
    std::memcpy(t.bytes.data(), src, t.bytes.size());
  }
  return t;
}

}  // namespace parity::rt
