// Recognizes LayerNormalization spelled with primitive ops (as exported by torch for opset < 17):
//   m = ReduceMean(x, axes=[-1]); d = Sub(x, m); v = ReduceMean(Pow(d, 2), axes=[-1]);
//   y = Add(Mul(Div(d, Sqrt(Add(v, eps))), gamma), beta)
// and replaces it with one parity.LayerNormalization(x, gamma, beta; axis=-1, epsilon=eps) node.
#include "passes/pass.h"

namespace parity::rt {
namespace {

Node* Prod(Graph& g, int v, const char* op) {
  if (v < 0) return nullptr;
  int p = g.values[v].producer;
  if (p < 0 || g.nodes[p].removed || g.nodes[p].op != op || !g.nodes[p].domain.empty()) return nullptr;
  return &g.nodes[p];
}

bool LastAxisMean(const Graph& g, const Node& n) {
  std::vector<int64_t> axes = n.AttrInts("axes");
  int64_t rank = static_cast<int64_t>(g.values[n.inputs[0]].dims.size());
  return n.inputs.size() == 1 && axes.size() == 1 && (axes[0] == -1 || axes[0] == rank - 1) &&
         n.AttrInt("keepdims", 1) == 1;
}

bool MatchAt(Graph& g, Node& add_beta) {
  // Walk upwards from the final Add(Mul(...), beta).
  Node* mul = nullptr;
  int beta = -1;
  for (int side = 0; side < 2 && !mul; ++side) {
    mul = Prod(g, add_beta.inputs[side], "Mul");
    beta = add_beta.inputs[1 - side];
    if (mul && (SoleConsumer(g, add_beta.inputs[side]) < 0 || !FloatConst(g, beta))) mul = nullptr;
  }
  if (!mul) return false;
  Node* div = nullptr;
  int gamma = -1;
  for (int side = 0; side < 2 && !div; ++side) {
    div = Prod(g, mul->inputs[side], "Div");
    gamma = mul->inputs[1 - side];
    if (div && (SoleConsumer(g, mul->inputs[side]) < 0 || !FloatConst(g, gamma))) div = nullptr;
  }
  if (!div) return false;
  Node* sqrt = Prod(g, div->inputs[1], "Sqrt");
  Node* sub = Prod(g, div->inputs[0], "Sub");
  if (!sqrt || !sub || SoleConsumer(g, div->inputs[1]) < 0) return false;
  Node* add_eps = Prod(g, sqrt->inputs[0], "Add");
  if (!add_eps || SoleConsumer(g, sqrt->inputs[0]) < 0) return false;
  Node* var = nullptr;
  int eps = -1;
  for (int side = 0; side < 2 && !var; ++side) {
    var = Prod(g, add_eps->inputs[side], "ReduceMean");
    eps = add_eps->inputs[1 - side];
    const ConstTensor* e = FloatConst(g, eps);
    if (var && (!e || e->size() != 1 || SoleConsumer(g, add_eps->inputs[side]) < 0)) var = nullptr;
  }
  if (!var || !LastAxisMean(g, *var)) return false;
  Node* pow = Prod(g, var->inputs[0], "Pow");
  if (!pow || SoleConsumer(g, var->inputs[0]) < 0 || !IsConstScalar(g, pow->inputs[1], 2.f)) return false;
  int d = sub->outputs[0];
  if (pow->inputs[0] != d || g.Consumers(d).size() != 2 || g.values[d].graph_output) return false;
  int x = sub->inputs[0];
  Node* mean = Prod(g, sub->inputs[1], "ReduceMean");
  if (!mean || mean->inputs[0] != x || !LastAxisMean(g, *mean) || SoleConsumer(g, sub->inputs[1]) < 0) return false;
  int64_t len = g.values[x].dims.empty() ? 0 : g.values[x].dims.back();
  if (FloatConst(g, gamma)->size() != len || FloatConst(g, beta)->size() != len) return false;
  float epsilon = *g.values[eps].data->as<float>();
  Node& ln = add_beta;
  ln.op = "LayerNormalization";
  ln.domain = "parity";
  ln.attrs.clear();
  ln.inputs = {x, gamma, beta};
  ln.SetAttrInt("axis", -1);
  ln.SetAttrFloat("epsilon", epsilon);
  for (Node* n : {mean, sub, pow, var, add_eps, sqrt, div, mul}) Absorb(ln, *n);
  return true;
}

int FuseLayerNorm(Graph& g, const CompileOptions&) {
  int changes = 0;
  for (auto& n : g.nodes) {
    if (!n.removed && n.op == "Add" && n.domain.empty() && n.inputs.size() == 2 && MatchAt(g, n)) ++changes;
  }
  return changes;
}

PARITY_REGISTER_PASS({"fuse_layernorm", FusionLevel::kAll, 75, &FuseLayerNorm});

}  // namespace
}  // namespace parity::rt
