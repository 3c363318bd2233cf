// If nodes whose condition is known at compile time are replaced by the branch they take. Exporters guard
// shape cases with If (PyTorch's `if x.size(1) == 1:`, Silero VAD's sample-rate and rank tests); once the
// shapes are static the condition folds to a constant, and inlining the branch keeps the whole graph on the
// static, fused and planned path instead of the interpreter.
#include "ir/import.h"

namespace parity::rt {
namespace {

bool ConstantCondition(const Graph& g, const Node& n, bool* taken) {
  if (!n.domain.empty() || n.op != "If" || n.inputs.empty() || n.inputs[0] < 0) return false;
  const Value& c = g.values[n.inputs[0]];
  if (!c.is_const() || c.data->size() != 1) return false;
  *taken = c.dtype == DType::kBool  ? c.data->as<uint8_t>()[0] != 0
           : c.dtype == DType::kI64 ? c.data->as<int64_t>()[0] != 0
                                    : c.data->as<float>()[0] != 0.f;
  return true;
}

// A branch can be spliced in when the names it defines are all new to g (ONNX forbids shadowing, but sibling
// branches may reuse names; keeping names intact keeps nested bodies' by-name lookups valid).
bool CanSplice(const Graph& g, const Graph& branch) {
  if (!branch.inputs.empty()) return false;
  for (const Value& v : branch.values) {
    if (!v.outer && g.FindValue(v.name) >= 0) return false;
  }
  return true;
}

class Splicer {
 public:
  Splicer(Graph& g, const Graph& branch) : g_(g), branch_(branch), map_(branch.values.size(), -1) {}

  // The value of g standing for branch value v: the enclosing value of the same name for reads from outside,
  // otherwise a copy of the branch's value (constants included).
  int Map(int v) {
    if (v < 0) return v;
    if (map_[v] >= 0) return map_[v];
    const Value& src = branch_.values[v];
    int mapped = src.outer ? g_.FindValue(src.name) : -1;
    if (mapped < 0) {
      mapped = g_.GetOrAddValue(src.name);
      Value& dst = g_.values[mapped];
      // Read from a scope enclosing g: g is itself a body, so the name is looked up at run time there too.
      dst.outer = src.outer;
      if (!src.outer) {
        dst.dtype = src.dtype;
        dst.onnx_dtype = src.onnx_dtype;
        dst.dims = src.dims;
        dst.shape_known = src.shape_known;
        dst.data = src.data;
      }
    }
    return map_[v] = mapped;
  }

  // Appends the branch's nodes, then one Identity per If output (which keeps the If's output names).
  void Emit(const Node& if_node, std::vector<Node>* out) {
    for (const Node& n : branch_.nodes) {
      if (n.removed) continue;
      Node copy = n;
      for (int& v : copy.inputs) v = Map(v);
      for (int& v : copy.outputs) v = Map(v);
      out->push_back(std::move(copy));
    }
    for (size_t i = 0; i < if_node.outputs.size() && i < branch_.outputs.size(); ++i) {
      Node id;
      id.name = if_node.name + "/output_" + std::to_string(i);
      id.op = "Identity";
      id.covers.push_back(if_node.name);
      id.inputs.push_back(Map(branch_.outputs[i]));
      id.outputs.push_back(if_node.outputs[i]);
      out->push_back(std::move(id));
    }
  }

 private:
  Graph& g_;
  const Graph& branch_;
  std::vector<int> map_;
};

}  // namespace

int InlineConstantIfs(Graph& g) {
  int inlined = 0;
  std::vector<Node> nodes;
  nodes.reserve(g.nodes.size());
  for (Node& n : g.nodes) {
    bool taken = false;
    if (n.removed || !ConstantCondition(g, n, &taken)) {
      nodes.push_back(std::move(n));
      continue;
    }
    auto it = n.subgraphs.find(taken ? "then_branch" : "else_branch");
    if (it == n.subgraphs.end() || !it->second || !CanSplice(g, *it->second) ||
        it->second->outputs.size() != n.outputs.size()) {
      nodes.push_back(std::move(n));
      continue;
    }
    Splicer(g, *it->second).Emit(n, &nodes);
    ++inlined;
  }
  g.nodes = std::move(nodes);
  g.RebuildProducers();
  return inlined;
}

InferResult InferShapesInliningIfs(Graph& g, const CompileOptions& options) {
  InferResult r = InferShapes(g, options, true);
  while (r.dynamic && InlineConstantIfs(g) > 0) {
    const int folded = r.folded;
    r = InferShapes(g, options, true);
    r.folded += folded;
  }
  return r;
}

}  // namespace parity::rt
