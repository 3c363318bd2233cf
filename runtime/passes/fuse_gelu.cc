// Recognizes activation patterns spelled with primitive ops and replaces them with one parity.Activation node
// (which fuse_activation may then fold into the producing Conv/Gemm/MatMul):
//   Gelu:      Mul(Mul(x, Add(Erf(Div(x, sqrt2)), 1)), 0.5)   (also with the 0.5 applied to x first)
//   SiLU:      Mul(x, Sigmoid(x))
//   HardSwish: Mul(x, HardSigmoid(x; 1/6, 1/2)), and Relu6 spellings: Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6),
//              with the division as Mul(., 1/6) or applied to the Clip before the Mul (PaddlePaddle exports)
#include <cmath>

#include "passes/pass.h"

namespace parity::rt {
namespace {

// Node producing v if it is live with op `op`, else nullptr.
Node* Producer(Graph& g, int v, const char* op) {
  if (v < 0) return nullptr;
  int p = g.values[v].producer;
  if (p < 0 || g.nodes[p].removed || g.nodes[p].op != op || !g.nodes[p].domain.empty()) return nullptr;
  return &g.nodes[p];
}

void ToActivation(Graph& g, Node& n, int x, Act act, std::vector<Node*> absorbed) {
  n.op = "Activation";
  n.domain = "parity";
  n.attrs.clear();
  n.inputs = {x};
  n.SetAttrInt("act", static_cast<int64_t>(act));
  for (Node* a : absorbed) Absorb(n, *a);
}

// Matches the erf chain ending at value `v` (= 1 + erf(x / sqrt2)); returns x or -1.
int MatchErfChain(Graph& g, int v, std::vector<Node*>* nodes) {
  Node* add = Producer(g, v, "Add");
  if (!add || SoleConsumer(g, v) < 0) return -1;
  int erf_out = IsConstScalar(g, add->inputs[1], 1.f)   ? add->inputs[0]
                : IsConstScalar(g, add->inputs[0], 1.f) ? add->inputs[1]
                                                        : -1;
  Node* erf = Producer(g, erf_out, "Erf");
  if (!erf || SoleConsumer(g, erf_out) < 0) return -1;
  Node* div = Producer(g, erf->inputs[0], "Div");
  if (!div || SoleConsumer(g, erf->inputs[0]) < 0 || !IsConstScalar(g, div->inputs[1], 1.41421356f)) return -1;
  *nodes = {add, erf, div};
  return div->inputs[0];
}

int FuseGelu(Graph& g) {
  int changes = 0;
  for (auto& outer : g.nodes) {  // outer = Mul(inner, 0.5), inner = Mul(x, 1 + erf(x/sqrt2))
    if (outer.removed || outer.op != "Mul" || !outer.domain.empty()) continue;
    int half = IsConstScalar(g, outer.inputs[1], 0.5f) ? 1 : IsConstScalar(g, outer.inputs[0], 0.5f) ? 0 : -1;
    if (half < 0) continue;
    int inner_v = outer.inputs[1 - half];
    Node* inner = Producer(g, inner_v, "Mul");
    if (!inner || SoleConsumer(g, inner_v) < 0) continue;
    for (int side = 0; side < 2; ++side) {
      std::vector<Node*> chain;
      int x = MatchErfChain(g, inner->inputs[side], &chain);
      if (x >= 0 && inner->inputs[1 - side] == x) {
        chain.push_back(inner);
        ToActivation(g, outer, x, Act::kGelu, chain);
        ++changes;
        break;
      }
    }
  }
  return changes;
}

// Matches v = Clip(Add(x, 3), 0, 6) (Add operands in either order, each link single-use); returns x or -1.
int MatchShiftedRelu6(Graph& g, int v, std::vector<Node*>* nodes) {
  Node* clip = Producer(g, v, "Clip");
  NodeEpilogue e;
  if (!clip || SoleConsumer(g, v) < 0 || !ActivationOf(g, *clip, &e) || e.alpha != 0.f || e.beta != 6.f) return -1;
  int shifted = clip->inputs[0];
  Node* add = Producer(g, shifted, "Add");
  if (!add || SoleConsumer(g, shifted) < 0) return -1;
  int x = IsConstScalar(g, add->inputs[1], 3.f)   ? add->inputs[0]
          : IsConstScalar(g, add->inputs[0], 3.f) ? add->inputs[1]
                                                  : -1;
  if (x < 0 || g.values[shifted].dims != g.values[x].dims) return -1;
  nodes->insert(nodes->end(), {add, clip});
  return x;
}

// If n divides by 6 (Div(., 6) or Mul by 1/6, the constant no wider than the other operand), the other operand.
int DividedBySix(const Graph& g, const Node& n) {
  if (!n.domain.empty() || n.inputs.size() != 2) return -1;
  int v = -1;
  if (n.op == "Div" && IsConstScalar(g, n.inputs[1], 6.f)) v = n.inputs[0];
  if (n.op == "Mul" && IsConstScalar(g, n.inputs[1], 1.f / 6.f)) v = n.inputs[0];
  if (n.op == "Mul" && IsConstScalar(g, n.inputs[0], 1.f / 6.f)) v = n.inputs[1];
  return v >= 0 && g.values[n.outputs[0]].dims == g.values[v].dims ? v : -1;
}

int FuseRelu6HardSwish(Graph& g) {
  int changes = 0;
  for (auto& outer : g.nodes) {
    if (outer.removed) continue;
    std::vector<Node*> chain;
    int x = -1;
    int product = DividedBySix(g, outer);  // (x * relu6(x + 3)) / 6
    Node* mul = product >= 0 && SoleConsumer(g, product) >= 0 ? Producer(g, product, "Mul") : nullptr;
    for (int side = 0; mul && x < 0 && side < 2; ++side) {
      chain.clear();
      int cand = MatchShiftedRelu6(g, mul->inputs[side], &chain);
      if (cand >= 0 && mul->inputs[1 - side] == cand) x = cand, chain.push_back(mul);
    }
    if (x < 0 && outer.op == "Mul" && outer.domain.empty() && outer.inputs.size() == 2) {  // x * (relu6(x + 3) / 6)
      for (int side = 0; x < 0 && side < 2; ++side) {
        int gate = outer.inputs[side];
        int p = g.values[gate].producer;
        if (p < 0 || g.nodes[p].removed || SoleConsumer(g, gate) < 0) continue;
        chain.clear();
        int cand = MatchShiftedRelu6(g, DividedBySix(g, g.nodes[p]), &chain);
        if (cand >= 0 && outer.inputs[1 - side] == cand) x = cand, chain.push_back(&g.nodes[p]);
      }
    }
    if (x < 0 || g.values[outer.outputs[0]].dims != g.values[x].dims) continue;
    ToActivation(g, outer, x, Act::kHardSwish, chain);
    ++changes;
  }
  return changes;
}

int FuseGatedActivations(Graph& g) {
  int changes = 0;
  for (auto& mul : g.nodes) {
    if (mul.removed || mul.op != "Mul" || !mul.domain.empty() || mul.inputs.size() != 2) continue;
    for (int side = 0; side < 2; ++side) {
      int gate = mul.inputs[side], x = mul.inputs[1 - side];
      Node* sig = Producer(g, gate, "Sigmoid");
      Node* hs = Producer(g, gate, "HardSigmoid");
      if (SoleConsumer(g, gate) < 0) continue;
      if (sig && sig->inputs[0] == x) {
        ToActivation(g, mul, x, Act::kSilu, {sig});
      } else if (hs && hs->inputs[0] == x && std::abs(hs->AttrFloat("alpha", 0.2f) - 1.f / 6.f) < 1e-6f &&
                 hs->AttrFloat("beta", 0.5f) == 0.5f) {
        ToActivation(g, mul, x, Act::kHardSwish, {hs});
      } else {
        continue;
      }
      ++changes;
      break;
    }
  }
  return changes;
}

int FuseActivationPatterns(Graph& g, const CompileOptions&) {
  return FuseGelu(g) + FuseGatedActivations(g) + FuseRelu6HardSwish(g);
}

PARITY_REGISTER_PASS({"fuse_gelu", FusionLevel::kAll, 70, &FuseActivationPatterns});

}  // namespace
}  // namespace parity::rt
