// Folds an activation into the epilogue of the producing Conv / ConvTranspose / Gemm / MatMul when the
// producer's output has no other use: Relu, Clip (constant bounds), Sigmoid, HardSigmoid, HardSwish and
// parity.Activation (SiLU, Gelu from fuse_gelu).
#include <limits>

#include "passes/pass.h"

namespace parity::rt {

bool ActivationOf(const Graph& g, const Node& n, NodeEpilogue* e) {
  if (n.domain == "parity" && n.op == "Activation") {
    e->act = static_cast<Act>(n.AttrInt("act", 0));
    e->alpha = n.AttrFloat("alpha", 0.f);
    e->beta = n.AttrFloat("beta", 0.f);
    return true;
  }
  if (!n.domain.empty()) return false;
  if (n.op == "Relu")
    e->act = Act::kRelu;
  else if (n.op == "Sigmoid")
    e->act = Act::kSigmoid;
  else if (n.op == "HardSwish")
    e->act = Act::kHardSwish;
  else if (n.op == "HardSigmoid") {
    e->act = Act::kHardSigmoid;
    e->alpha = n.AttrFloat("alpha", 0.2f);
    e->beta = n.AttrFloat("beta", 0.5f);
  } else if (n.op == "Clip") {
    e->act = Act::kClip;
    e->alpha = n.AttrFloat("min", std::numeric_limits<float>::lowest());
    e->beta = n.AttrFloat("max", std::numeric_limits<float>::max());
    for (int i = 1; i < static_cast<int>(n.inputs.size()); ++i) {
      if (n.inputs[i] < 0) continue;
      const ConstTensor* c = FloatConst(g, n.inputs[i]);
      if (!c || c->size() != 1) return false;
      (i == 1 ? e->alpha : e->beta) = *c->as<float>();
    }
  } else {
    return false;
  }
  return true;
}

namespace {

bool HasEpilogue(const Node& n) {
  return n.domain.empty() && (n.op == "Conv" || n.op == "ConvTranspose" || n.op == "Gemm" || n.op == "MatMul");
}

int FuseActivation(Graph& g, const CompileOptions&) {
  int changes = 0;
  for (auto& act : g.nodes) {
    NodeEpilogue e;
    if (act.removed || act.inputs.empty() || !ActivationOf(g, act, &e)) continue;
    int v = act.inputs[0];
    int p = g.values[v].producer;
    if (p < 0 || SoleConsumer(g, v) < 0 || !HasEpilogue(g.nodes[p])) continue;
    Node& prod = g.nodes[p];
    if (prod.epilogue.act != Act::kNone) continue;
    prod.epilogue = e;
    TakeOverOutput(g, prod, v, act.outputs[0]);
    Absorb(prod, act);
    ++changes;
  }
  return changes;
}

}  // namespace

PARITY_REGISTER_PASS({"fuse_activation", FusionLevel::kAll, 80, &FuseActivation});

}  // namespace parity::rt
