#include <cstring>

#include "exec/executable_impl.h"
#include "ir/import.h"

namespace parity::rt {

namespace {

bool SameBytes(const ConstTensor& a, const ConstTensor& b) {
  return a.dtype == b.dtype && a.dims == b.dims && a.buf.size() == b.buf.size() &&
         std::memcmp(a.buf.data(), b.buf.data(), a.buf.size()) == 0;
}

}  // namespace

KernelCache::Entry* KernelCache::Find(const Node* node, const std::vector<TensorDesc>& inputs) {
  auto it = entries_.find(node);
  if (it == entries_.end()) return nullptr;
  Entry& e = it->second;
  if (e.dims.size() != inputs.size()) return nullptr;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (e.dims[i] != inputs[i].dims) return nullptr;
    if (e.data[i] && e.data[i] != inputs[i].data && !(inputs[i].data && SameBytes(*e.data[i], *inputs[i].data))) {
      return nullptr;
    }
  }
  return &e;
}

KernelCache::Entry* KernelCache::Put(const Node* node, Entry e) {
  entries_[node] = std::move(e);
  return &entries_[node];
}

const std::vector<ConstPtr>* KernelCache::Folded(const Node* node) const {
  auto it = folded_.find(node);
  return it == folded_.end() ? nullptr : &it->second;
}

void KernelCache::PutFolded(const Node* node, std::vector<ConstPtr> outs) {
  folded_[node] = std::move(outs);
}

ConstPtr Interpreter::Scope::Lookup(const std::string& name, bool* fixed) const {
  for (const Scope* s = this; s; s = s->parent) {
    int v = s->graph->FindValue(name);
    if (v < 0) continue;
    if (s->values[v]) {
      *fixed = s->fixed[v] != 0;
      return s->values[v];
    }
    if (s->graph->values[v].is_const()) {
      *fixed = true;
      return s->graph->values[v].data;
    }
  }
  return nullptr;
}

ConstPtr Interpreter::Get(const Graph& g, Scope& scope, int v, bool* fixed) const {
  bool unused;
  bool& f = fixed ? *fixed : unused;
  f = false;
  if (scope.values[v]) {
    f = scope.fixed[v] != 0;
    return scope.values[v];
  }
  const Value& val = g.values[v];
  if (val.is_const()) {
    f = true;
    return val.data;
  }
  if (val.outer && scope.parent) {
    ConstPtr p = scope.parent->Lookup(val.name, &f);
    if (p) return p;
  }
  throw RunError("value '" + val.name + "' is not available at run time");
}

std::vector<ConstPtr> Interpreter::RunGraph(const Graph& g, const std::vector<ConstPtr>& inputs, const Scope* parent,
                                            std::vector<ConstPtr>* scope_out) {
  Scope scope{&g, std::vector<ConstPtr>(g.values.size()), parent, std::vector<char>(g.values.size(), 0)};
  if (inputs.size() != g.inputs.size()) throw RunError("subgraph input count mismatch");
  for (size_t i = 0; i < inputs.size(); ++i) scope.values[g.inputs[i]] = inputs[i];
  for (const auto& n : g.nodes) {
    if (!n.removed) RunNode(g, n, scope);
  }
  std::vector<ConstPtr> outs;
  for (int v : g.outputs) outs.push_back(Get(g, scope, v));
  if (scope_out) *scope_out = std::move(scope.values);
  return outs;
}

void Interpreter::RunNode(const Graph& g, const Node& n, Scope& scope) {
  if (n.domain.empty() && n.op == "If") return RunIf(g, n, scope);
  if (n.domain.empty() && n.op == "Loop") return RunLoop(g, n, scope);
  std::vector<TensorDesc> descs(n.inputs.size());
  bool all_fixed = true;
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    if (n.inputs[i] < 0) continue;
    bool fixed = false;
    ConstPtr c = Get(g, scope, n.inputs[i], &fixed);
    all_fixed = all_fixed && fixed;
    descs[i].dtype = c->dtype;
    descs[i].dims = c->dims;
    descs[i].data = c;
  }
  // A deterministic node of constants gives the same outputs every run: computed once. Without this, subgraph
  // weight chains were recomputed per run, and the consumer's kernel cache compared the fresh copies byte by byte
  // (Silero VAD's LSTM weights: 0.5 MB per run).
  const OpSchema* schema =
      all_fixed && cache_ ? OpRegistry::Get().Find(n.domain, n.op, g.opset, options_.precision) : nullptr;
  bool foldable = schema && schema->foldable;
  if (const std::vector<ConstPtr>* folded = foldable ? cache_->Folded(&n) : nullptr) {
    for (size_t i = 0; i < n.outputs.size() && i < folded->size(); ++i) {
      scope.values[n.outputs[i]] = (*folded)[i];
      scope.fixed[n.outputs[i]] = 1;
    }
    return;
  }
  std::vector<ConstPtr> outs;
  try {
    KernelCache::Entry* entry = cache_ ? cache_->Find(&n, descs) : nullptr;
    if (!entry) {
      KernelCache::Entry e;
      std::vector<bool> used;
      e.kernel = CreateKernel(n, g.opset, descs, options_, &e.outs, &used);
      e.kernel->Prepare();
      for (size_t i = 0; i < descs.size(); ++i) {
        e.dims.push_back(descs[i].dims);
        e.data.push_back(used[i] ? descs[i].data : nullptr);
      }
      if (!cache_) {
        outs = RunPrepared(*e.kernel, descs, e.outs, pool_);
      } else {
        entry = cache_->Put(&n, std::move(e));
      }
    }
    if (entry) outs = RunPrepared(*entry->kernel, descs, entry->outs, pool_);
  } catch (const CompileError& e) {
    throw RunError(e.what());
  }
  for (size_t i = 0; i < n.outputs.size() && i < outs.size(); ++i) {
    scope.values[n.outputs[i]] = outs[i];
    scope.fixed[n.outputs[i]] = foldable;
  }
  if (foldable) cache_->PutFolded(&n, outs);
}

void Interpreter::RunIf(const Graph& g, const Node& n, Scope& scope) {
  ConstPtr cond = Get(g, scope, n.inputs[0]);
  bool c = cond->dtype == DType::kBool  ? cond->as<uint8_t>()[0] != 0
           : cond->dtype == DType::kI64 ? cond->as<int64_t>()[0] != 0
                                        : cond->as<float>()[0] != 0.f;
  const auto& branch = n.subgraphs.at(c ? "then_branch" : "else_branch");
  std::vector<ConstPtr> outs;
  if (!subgraphs_ || !subgraphs_->Run(*branch, {}, scope, &outs)) outs = RunGraph(*branch, {}, &scope);
  if (outs.size() != n.outputs.size()) throw RunError("node '" + n.name + "' (If): branch output count mismatch");
  for (size_t i = 0; i < outs.size(); ++i) scope.values[n.outputs[i]] = outs[i];
}

void Interpreter::RunLoop(const Graph& g, const Node& n, Scope& scope) {
  // inputs: M (optional), cond (optional), carried...; body: (iter, cond, carried...) -> (cond, carried..., scans...)
  const Graph& body = *n.subgraphs.at("body");
  int64_t max_trip = n.inputs.size() > 0 && n.inputs[0] >= 0 ? Get(g, scope, n.inputs[0])->as<int64_t>()[0] : INT64_MAX;
  bool cond = n.inputs.size() > 1 && n.inputs[1] >= 0 ? Get(g, scope, n.inputs[1])->as<uint8_t>()[0] != 0 : true;
  std::vector<ConstPtr> carried;
  for (size_t i = 2; i < n.inputs.size(); ++i) carried.push_back(Get(g, scope, n.inputs[i]));
  size_t n_scan = n.outputs.size() - carried.size();
  std::vector<std::vector<ConstPtr>> scans(n_scan);
  for (int64_t it = 0; it < max_trip && cond; ++it) {
    auto iter = MakeConst(DType::kI64, {});
    *iter->mut<int64_t>() = it;
    auto c = MakeConst(DType::kBool, {});
    *c->mut<uint8_t>() = 1;
    std::vector<ConstPtr> in = {iter, c};
    in.insert(in.end(), carried.begin(), carried.end());
    std::vector<ConstPtr> out;
    if (!subgraphs_ || !subgraphs_->Run(body, in, scope, &out)) out = RunGraph(body, in, &scope);
    cond = out[0]->as<uint8_t>()[0] != 0;
    for (size_t i = 0; i < carried.size(); ++i) carried[i] = out[1 + i];
    for (size_t i = 0; i < n_scan; ++i) scans[i].push_back(out[1 + carried.size() + i]);
  }
  for (size_t i = 0; i < carried.size(); ++i) scope.values[n.outputs[i]] = carried[i];
  for (size_t i = 0; i < n_scan; ++i) {
    Dims d = scans[i].empty() ? Dims{0} : scans[i][0]->dims;
    if (!scans[i].empty()) d.insert(d.begin(), static_cast<int64_t>(scans[i].size()));
    DType t = scans[i].empty() ? DType::kF32 : scans[i][0]->dtype;
    ConstPtr s = MakeConst(t, d);
    size_t off = 0;
    for (const auto& part : scans[i]) {
      std::memcpy(s->mut<uint8_t>() + off, part->buf.data(), part->buf.size());
      off += part->buf.size();
    }
    scope.values[n.outputs[carried.size() + i]] = s;
  }
}

}  // namespace parity::rt
