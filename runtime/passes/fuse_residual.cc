// Residual fusion: Add(P(x), r) where P is a Conv / Gemm / MatMul without activation or residual and r has the
// output's dims becomes P with residual input r (y = act(P + bias + r)); a following activation (e.g. the Relu
// after ResNet's shortcut Add) is folded in as well. r must not depend on P's output (no cycle).
#include "passes/pass.h"

namespace parity::rt {

bool ActivationOf(const Graph& g, const Node& n, NodeEpilogue* e);

namespace {

bool DependsOn(const Graph& g, int v, int node, std::vector<char>& seen) {
  int p = g.values[v].producer;
  if (p < 0) return false;
  if (p == node) return true;
  if (seen[p]) return false;
  seen[p] = 1;
  for (int in : g.nodes[p].inputs) {
    if (in >= 0 && DependsOn(g, in, node, seen)) return true;
  }
  return false;
}

int FuseResidual(Graph& g, const CompileOptions&) {
  int changes = 0;
  for (auto& add : g.nodes) {
    if (add.removed || add.op != "Add" || !add.domain.empty() || add.inputs.size() != 2) continue;
    for (int side = 0; side < 2; ++side) {
      int v = add.inputs[side], r = add.inputs[1 - side];
      int p = g.values[v].producer;
      if (p < 0 || v == r || SoleConsumer(g, v) < 0) continue;
      Node& prod = g.nodes[p];
      bool ok = prod.domain.empty() && (prod.op == "Conv" || prod.op == "Gemm" || prod.op == "MatMul");
      if (!ok || prod.epilogue.act != Act::kNone || prod.residual_input >= 0) continue;
      if (g.values[r].dims != g.values[v].dims || g.values[r].dtype != DType::kF32) continue;
      if (prod.op == "Gemm" && prod.inputs.size() > 2 && prod.inputs[2] >= 0 &&
          g.values[prod.inputs[2]].dims == g.values[v].dims)
        continue;
      std::vector<char> seen(g.nodes.size(), 0);
      if (DependsOn(g, r, p, seen)) continue;
      prod.inputs.resize(std::max<size_t>(prod.inputs.size(), 3), -1);
      prod.inputs.push_back(r);
      prod.residual_input = static_cast<int>(prod.inputs.size()) - 1;
      int out = add.outputs[0];
      TakeOverOutput(g, prod, v, out);
      Absorb(prod, add);
      // Fold the activation that follows the Add, if it is the only user.
      int c = SoleConsumer(g, out);
      NodeEpilogue e;
      if (c >= 0 && ActivationOf(g, g.nodes[c], &e) && g.nodes[c].inputs[0] == out) {
        prod.epilogue = e;
        TakeOverOutput(g, prod, out, g.nodes[c].outputs[0]);
        Absorb(prod, g.nodes[c]);
      }
      ++changes;
      break;
    }
  }
  return changes;
}

PARITY_REGISTER_PASS({"fuse_residual", FusionLevel::kAll, 90, &FuseResidual});

}  // namespace
}  // namespace parity::rt
