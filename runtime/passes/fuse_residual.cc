// Residual fusion: Add(P(x), r) where P is a Conv / Gemm / MatMul without activation or residual and r has the
// output's dims becomes P with residual input r (y = act(P + bias + r)); a following activation (e.g. the Relu
// after ResNet's shortcut Add) is folded in as well. r must not depend on P's output (no cycle).
// A reshape-like op between P and the Add (a transformer's attention projection: Gemm on [S, D], reshaped back to
// [1, S, D] before the residual Add) does not stop it: reshapes keep the element order, so
// Add(Reshape(P(x)), r) = Reshape(P(x) + Reshape(r, P's dims)); the added Reshape of r copies nothing.
#include "passes/pass.h"

namespace parity::rt {

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

bool IsReshapeLike(const Node& n) {
  return n.domain.empty() && (n.op == "Reshape" || n.op == "Flatten" || n.op == "Squeeze" || n.op == "Unsqueeze");
}

// Index of the node producing v when it can take a residual of v's dims (v has no other use), else -1.
int ResidualTarget(const Graph& g, int v) {
  int p = g.values[v].producer;
  if (p < 0 || SoleConsumer(g, v) < 0) return -1;
  const Node& prod = g.nodes[p];
  bool ok = prod.domain.empty() && (prod.op == "Conv" || prod.op == "Gemm" || prod.op == "MatMul");
  if (!ok || prod.epilogue.act != Act::kNone || prod.residual_input >= 0) return -1;
  if (prod.op == "Gemm" && prod.inputs.size() > 2 && prod.inputs[2] >= 0 &&
      g.values[prod.inputs[2]].dims == g.values[v].dims)
    return -1;
  return p;
}

void AddResidual(Node& prod, int r) {
  prod.inputs.resize(std::max<size_t>(prod.inputs.size(), 3), -1);
  prod.inputs.push_back(r);
  prod.residual_input = static_cast<int>(prod.inputs.size()) - 1;
}

ConstPtr ShapeConst(const Dims& d) {
  ConstPtr c = MakeConst(DType::kI64, {static_cast<int64_t>(d.size())});
  for (size_t i = 0; i < d.size(); ++i) c->mut<int64_t>()[i] = d[i];
  return c;
}

int FuseResidual(Graph& g, const CompileOptions&) {
  int changes = 0;
  std::vector<Node> added;  // Reshapes of residuals, appended after the loop (the loop holds node references)
  for (auto& add : g.nodes) {
    if (add.removed || add.op != "Add" || !add.domain.empty() || add.inputs.size() != 2) continue;
    for (int side = 0; side < 2; ++side) {
      int v = add.inputs[side], r = add.inputs[1 - side];
      if (v == r || g.values[r].dims != g.values[v].dims || g.values[r].dtype != DType::kF32) continue;
      int p = ResidualTarget(g, v);
      // Through a reshape: P writes a new value (its output plus the reshaped r) that the reshape then maps to
      // the Add's output; P's own output value ceases to exist.
      int reshape = -1;
      if (p < 0 && g.values[v].producer >= 0 && IsReshapeLike(g.nodes[g.values[v].producer]) &&
          SoleConsumer(g, v) >= 0) {
        reshape = g.values[v].producer;
        p = ResidualTarget(g, g.nodes[reshape].inputs[0]);
      }
      if (p < 0) continue;
      std::vector<char> seen(g.nodes.size(), 0);
      if (DependsOn(g, r, p, seen)) continue;
      Node& prod = g.nodes[p];
      int out = add.outputs[0];
      Node* writer = &prod;  // the node whose output carries the sum
      if (reshape >= 0) {
        Node& rs = g.nodes[reshape];
        const int u = rs.inputs[0];
        Node r_reshape;
        r_reshape.name = add.name + "_residual";
        r_reshape.op = "Reshape";
        r_reshape.inputs = {r, g.AddConst(r_reshape.name + "_shape", ShapeConst(g.values[u].dims))};
        r_reshape.outputs = {g.AddValue(r_reshape.name)};
        AddResidual(prod, r_reshape.outputs[0]);
        const int sum = g.AddValue(g.values[out].name + "_" + prod.name);
        TakeOverOutput(g, prod, u, sum);
        rs.inputs[0] = sum;
        TakeOverOutput(g, rs, v, out);
        added.push_back(std::move(r_reshape));
        writer = &rs;
      } else {
        AddResidual(prod, r);
        TakeOverOutput(g, prod, v, out);
      }
      Absorb(prod, add);
      // Fold the activation that follows the Add, if it is the only user (elementwise: it commutes with the
      // reshape).
      int c = SoleConsumer(g, out);
      NodeEpilogue e;
      if (c >= 0 && ActivationOf(g, g.nodes[c], &e) && g.nodes[c].inputs[0] == out) {
        prod.epilogue = e;
        TakeOverOutput(g, *writer, out, g.nodes[c].outputs[0]);
        Absorb(prod, g.nodes[c]);
      }
      ++changes;
      break;
    }
  }
  for (auto& n : added) g.nodes.push_back(std::move(n));
  return changes;
}

PARITY_REGISTER_PASS({"fuse_residual", FusionLevel::kAll, 90, &FuseResidual});

}  // namespace
}  // namespace parity::rt
