// Control-flow bodies compiled on first use. Silero VAD runs its whole network inside the branch of an If on
// the sample rate: interpreted node by node, without fusion and with a fresh buffer per value, it cost about as
// much as ONNX Runtime's whole run at 2 threads.
#include <algorithm>
#include <cstring>
#include <set>

#include "exec/executable_impl.h"
#include "ir/import.h"
#include "passes/pass.h"

namespace parity::rt {

namespace {

// A body is recompiled for each new combination of input dims; beyond this many it is interpreted instead
// (a Loop whose carried values grow every iteration would otherwise compile once per iteration).
constexpr size_t kMaxVariantsPerBody = 4;

// Names a body reads from the scopes around it, its nested bodies' reads included, in first-use order.
void CollectFreeNames(const Graph& g, std::vector<std::string>* names, std::set<std::string>* seen) {
  for (const Value& v : g.values) {
    if (v.outer && seen->insert(v.name).second) names->push_back(v.name);
  }
  for (const Node& n : g.nodes) {
    for (const auto& [attr, sub] : n.subgraphs) {
      std::vector<std::string> inner;
      std::set<std::string> inner_seen;
      CollectFreeNames(*sub, &inner, &inner_seen);
      for (const std::string& name : inner) {
        const int v = g.FindValue(name);
        if ((v < 0 || g.values[v].outer) && seen->insert(name).second) names->push_back(name);
      }
    }
  }
}

// Sets v to a static value fed at run time, or to a constant.
void Bind(Value& v, const ConstPtr& c, bool constant) {
  v.outer = false;
  v.dtype = c->dtype;
  v.dims = c->dims;
  v.shape_known = true;
  v.layout = MemLayout::kPlain;
  if (constant) v.data = c;
}

// The body as a standalone static graph (inputs: its formal inputs, then the non-constant free names), or null
// when it stays dynamic. Compile errors also give null: the interpreter then reports them with node names.
std::unique_ptr<Executable::Impl> CompileBody(Graph g, const std::vector<ConstPtr>& formal,
                                              const std::vector<std::string>& free, const std::vector<ConstPtr>& values,
                                              const std::vector<char>& constant, const CompileOptions& options,
                                              ThreadPool* pool) {
  for (size_t i = 0; i < formal.size(); ++i) Bind(g.values[g.inputs[i]], formal[i], false);
  for (size_t i = 0; i < free.size(); ++i) {
    const int v = g.GetOrAddValue(free[i]);
    Bind(g.values[v], values[i], constant[i] != 0);
    if (!constant[i]) {
      g.values[v].graph_input = true;
      g.inputs.push_back(v);
    }
  }
  for (int v : g.outputs) g.values[v].graph_output = true;
  try {
    g.Compact();
    if (InferShapesInliningIfs(g, options).dynamic) return nullptr;
    RunPasses(g, options);
    g.Compact();
    InferShapes(g, options, true);
    auto impl = std::make_unique<Executable::Impl>(std::move(g), options, pool);
    const Graph& cg = impl->graph;
    for (int v : cg.inputs) impl->in_ports.push_back({v, cg.values[v].onnx_dtype, cg.values[v].dims});
    for (int v : cg.outputs) impl->out_ports.push_back({v, cg.values[v].onnx_dtype, cg.values[v].dims});
    impl->BuildStatic();
    return impl;
  } catch (const CompileError&) {
    return nullptr;
  }
}

}  // namespace

struct SubgraphCache::Variant {
  std::vector<Dims> dims;                  // formal inputs, then free names
  std::vector<DType> dtypes;               // likewise
  std::vector<const ConstTensor*> fixed;   // per free name: the constant it was compiled with, or null (fed)
  std::unique_ptr<Executable::Impl> impl;  // null: interpret this body

  // Whether this variant was compiled for these dims and dtypes (formal inputs, then free names) and these
  // constants among the free names.
  bool Fits(const std::vector<const ConstPtr*>& all, const std::vector<ConstPtr>& values,
            const std::vector<char>& constant) const {
    for (size_t i = 0; i < all.size(); ++i) {
      if (dims[i] != (*all[i])->dims || dtypes[i] != (*all[i])->dtype) return false;
    }
    for (size_t i = 0; i < values.size(); ++i) {
      if (fixed[i] != (constant[i] ? values[i].get() : nullptr)) return false;
    }
    return true;
  }
};

SubgraphCache::SubgraphCache(const CompileOptions& options, ThreadPool* pool) : options_(options), pool_(pool) {
  options_.keep_intermediates = false;  // a body's intermediates are not reported; its plan may reuse memory
}

SubgraphCache::~SubgraphCache() = default;

bool SubgraphCache::Run(const Graph& body, const std::vector<ConstPtr>& inputs, const Interpreter::Scope& scope,
                        std::vector<ConstPtr>* outs) {
  auto names_it = free_names_.find(&body);
  if (names_it == free_names_.end()) {
    std::vector<std::string> names;
    std::set<std::string> seen;
    CollectFreeNames(body, &names, &seen);
    names_it = free_names_.emplace(&body, std::move(names)).first;
  }
  const std::vector<std::string>& names = names_it->second;
  if (inputs.size() != body.inputs.size()) return false;
  std::vector<ConstPtr> values(names.size());
  std::vector<char> constant(names.size(), 0);
  for (size_t i = 0; i < names.size(); ++i) {
    bool fixed = false;
    values[i] = scope.Lookup(names[i], &fixed);
    if (!values[i]) return false;  // the interpreter names the missing value
    constant[i] = fixed ? 1 : 0;
  }
  std::vector<const ConstPtr*> all;
  for (const ConstPtr& c : inputs) all.push_back(&c);
  for (const ConstPtr& c : values) all.push_back(&c);

  std::vector<std::unique_ptr<Variant>>& variants = variants_[&body];
  Variant* match = nullptr;
  for (const auto& v : variants) {
    if (v->Fits(all, values, constant)) {
      match = v.get();
      break;
    }
  }
  if (!match) {
    if (variants.size() >= kMaxVariantsPerBody) return false;
    auto v = std::make_unique<Variant>();
    for (const ConstPtr* c : all) {
      v->dims.push_back((*c)->dims);
      v->dtypes.push_back((*c)->dtype);
    }
    for (size_t i = 0; i < names.size(); ++i) v->fixed.push_back(constant[i] ? values[i].get() : nullptr);
    v->impl = CompileBody(body, inputs, names, values, constant, options_, pool_);
    if (v->impl) ++compiled_;
    match = v.get();
    variants.push_back(std::move(v));
  }
  if (!match->impl) return false;
  std::vector<ConstPtr> fed = inputs;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!constant[i]) fed.push_back(values[i]);
  }
  *outs = match->impl->RunStorage(fed);
  return true;
}

}  // namespace parity::rt
