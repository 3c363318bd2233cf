// Transpose/Reshape clean-up:
//   Transpose(Transpose(x, p1), p2) -> Transpose(x, p1∘p2), dropped when the result is the identity;
//   a chain of reshape-like ops (Reshape/Flatten/Squeeze/Unsqueeze) -> one Reshape to the final dims;
//   a Transpose that only moves size-1 dims (non-1 dims keep their order) -> Reshape (no data movement);
//   a reshape-like op whose output dims equal its input dims -> removed.
#include "passes/pass.h"

namespace parity::rt {
namespace {

bool IsReshapeLike(const Node& n) {
  return n.domain.empty() && (n.op == "Reshape" || n.op == "Flatten" || n.op == "Squeeze" || n.op == "Unsqueeze");
}

ConstPtr ShapeConst(const Dims& d) {
  ConstPtr c = MakeConst(DType::kI64, {static_cast<int64_t>(d.size())});
  for (size_t i = 0; i < d.size(); ++i) c->mut<int64_t>()[i] = d[i];
  return c;
}

// Rewrites n into Reshape(input, const final dims).
void MakeReshape(Graph& g, Node& n, int input) {
  const Dims& out = g.values[n.outputs[0]].dims;
  n.op = "Reshape";
  n.attrs.clear();
  n.inputs = {input, g.AddConst(n.name + "_shape", ShapeConst(out))};
}

int MergeTransposes(Graph& g) {
  int changes = 0;
  for (auto& n : g.nodes) {
    if (n.removed || n.op != "Transpose" || !n.domain.empty()) continue;
    int p = g.values[n.inputs[0]].producer;
    if (p < 0 || g.nodes[p].removed || g.nodes[p].op != "Transpose" || SoleConsumer(g, n.inputs[0]) < 0) continue;
    Node& first = g.nodes[p];
    std::vector<int64_t> p1 = first.AttrInts("perm"), p2 = n.AttrInts("perm");
    if (p1.empty() || p2.empty() || p1.size() != p2.size()) continue;
    std::vector<int64_t> merged(p2.size());
    bool identity = true;
    for (size_t i = 0; i < p2.size(); ++i) {
      merged[i] = p1[p2[i]];
      identity = identity && merged[i] == static_cast<int64_t>(i);
    }
    n.inputs[0] = first.inputs[0];
    n.SetAttrInts("perm", merged);
    Absorb(n, first);
    if (identity) {  // the pair cancels: consumers read the original tensor
      g.ReplaceUses(n.outputs[0], n.inputs[0]);
      if (g.values[n.outputs[0]].graph_output) g.values[n.inputs[0]].graph_output = true;
      n.removed = true;
    }
    ++changes;
  }
  return changes;
}

// True if perm keeps the relative order of the dims larger than 1 (so the bytes do not move).
bool OnlyMovesUnitDims(const Dims& in, const std::vector<int64_t>& perm) {
  int64_t last = -1;
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(in.size())) return false;
    if (in[p] == 1) continue;
    if (p < last) return false;
    last = p;
  }
  return true;
}

int TransposesToReshapes(Graph& g) {
  int changes = 0;
  for (auto& n : g.nodes) {
    if (n.removed || n.op != "Transpose" || !n.domain.empty() || !g.values[n.outputs[0]].shape_known) continue;
    const Dims& in = g.values[n.inputs[0]].dims;
    std::vector<int64_t> perm = n.AttrInts("perm");
    if (perm.empty() || !OnlyMovesUnitDims(in, perm)) continue;
    MakeReshape(g, n, n.inputs[0]);
    ++changes;
  }
  return changes;
}

int MergeReshapes(Graph& g) {
  int changes = 0;
  for (auto& n : g.nodes) {
    if (n.removed || !IsReshapeLike(n) || !g.values[n.outputs[0]].shape_known) continue;
    int in = n.inputs[0];
    int p = g.values[in].producer;
    if (p >= 0 && !g.nodes[p].removed && IsReshapeLike(g.nodes[p]) && SoleConsumer(g, in) >= 0) {
      Node& first = g.nodes[p];
      MakeReshape(g, n, first.inputs[0]);
      Absorb(n, first);
      ++changes;
      continue;
    }
    if (g.values[in].shape_known && g.values[in].dims == g.values[n.outputs[0]].dims && n.op != "Identity") {
      n.op = "Identity";  // eliminate_identity-style rewiring happens right here
      n.attrs.clear();
      n.inputs.resize(1);
      g.ReplaceUses(n.outputs[0], in);
      if (g.values[n.outputs[0]].graph_output) g.values[in].graph_output = true;
      n.removed = true;
      ++changes;
    }
  }
  return changes;
}

int CleanupTransposeReshape(Graph& g, const CompileOptions&) {
  int changes = MergeTransposes(g);
  changes += TransposesToReshapes(g);
  return changes + MergeReshapes(g);
}

PARITY_REGISTER_PASS({"transpose_reshape_cleanup", FusionLevel::kBasic, 40, &CleanupTransposeReshape});

}  // namespace
}  // namespace parity::rt
