// Folds an inference BatchNormalization into the preceding Conv, ConvTranspose (group 1) or Gemm (sole consumer,
// constant weights):
//   W'[o] = W[o] * s[o],  B'[o] = (B[o] - mean[o]) * s[o] + beta[o],  s = gamma / sqrt(var + eps).
// It runs twice: before fold_scale / fuse_bias (Conv -> BN -> Mul) and after them, for exporters that write the
// conv bias as a separate Add (PaddleOCR's ConvTranspose -> Add -> BatchNormalization -> Relu).
#include <cmath>

#include "passes/pass.h"

namespace parity::rt {
namespace {

bool BnParams(const Graph& g, const Node& bn, int64_t c, std::vector<float>* s, std::vector<float>* t) {
  if (bn.inputs.size() != 5 || bn.outputs.size() != 1 || bn.AttrInt("training_mode", 0)) return false;
  if (bn.AttrInt("spatial", 1) != 1 || bn.AttrInt("is_test", 1) != 1) return false;
  const ConstTensor* p[5] = {};
  for (int i = 1; i < 5; ++i) {
    p[i] = FloatConst(g, bn.inputs[i]);
    if (!p[i] || p[i]->size() != c) return false;
  }
  float eps = bn.AttrFloat("epsilon", 1e-5f);
  s->resize(c);
  t->resize(c);
  for (int64_t i = 0; i < c; ++i) {
    (*s)[i] = p[1]->as<float>()[i] / std::sqrt(p[4]->as<float>()[i] + eps);
    (*t)[i] = p[2]->as<float>()[i] - p[3]->as<float>()[i] * (*s)[i];
  }
  return true;
}

// Scales output channel o of a weight laid out as [outer][o][inner] (conv: outer = 1; Gemm transB=0: inner = 1).
ConstPtr ScaleWeight(const ConstTensor& w, const std::vector<float>& s, int64_t outer, int64_t inner) {
  ConstPtr nw = MakeConst(DType::kF32, w.dims);
  int64_t c = static_cast<int64_t>(s.size());
  for (int64_t a = 0; a < outer; ++a)
    for (int64_t o = 0; o < c; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        int64_t k = (a * c + o) * inner + i;
        nw->mut<float>()[k] = w.as<float>()[k] * s[o];
      }
  return nw;
}

int FoldBatchNorm(Graph& g, const CompileOptions&) {
  int changes = 0;
  for (auto& bn : g.nodes) {
    if (bn.removed || bn.op != "BatchNormalization" || !bn.domain.empty()) continue;
    int x = bn.inputs[0];
    int p = g.values[x].producer;
    if (p < 0 || SoleConsumer(g, x) < 0) continue;
    Node& prod = g.nodes[p];
    bool conv = prod.op == "Conv", gemm = prod.op == "Gemm";
    bool deconv = prod.op == "ConvTranspose" && prod.AttrInt("group", 1) == 1;  // W: [C, OC, k...]
    if ((!conv && !gemm && !deconv) || prod.epilogue.act != Act::kNone || prod.residual_input >= 0) continue;
    const ConstTensor* w = FloatConst(g, prod.inputs[1]);
    if (!w || w->dims.size() < 2) continue;
    bool trans_b = prod.AttrInt("transB", 0) != 0;
    int64_t c = conv ? w->dims[0] : deconv ? w->dims[1] : (trans_b ? w->dims[0] : w->dims[1]);
    if (gemm && g.values[x].dims.size() != 2) continue;
    std::vector<float> s, t;
    if (!BnParams(g, bn, c, &s, &t)) continue;
    const ConstTensor* b = prod.inputs.size() > 2 ? FloatConst(g, prod.inputs[2]) : nullptr;
    if (prod.inputs.size() > 2 && prod.inputs[2] >= 0 && (!b || b->size() != c)) continue;
    if (gemm && (prod.AttrFloat("alpha", 1.f) != 1.f || prod.AttrFloat("beta", 1.f) != 1.f)) continue;
    ConstPtr nw = deconv              ? ScaleWeight(*w, s, w->dims[0], w->size() / (w->dims[0] * c))
                  : (conv || trans_b) ? ScaleWeight(*w, s, 1, w->size() / c)
                                      : ScaleWeight(*w, s, w->dims[0], 1);
    ConstPtr nb = MakeConst(DType::kF32, {c});
    for (int64_t o = 0; o < c; ++o) nb->mut<float>()[o] = (b ? b->as<float>()[o] : 0.f) * s[o] + t[o];
    prod.inputs[1] = g.AddConst(prod.name + "_w_bn", nw);
    if (prod.inputs.size() < 3) prod.inputs.resize(3, -1);
    prod.inputs[2] = g.AddConst(prod.name + "_b_bn", nb);
    TakeOverOutput(g, prod, prod.outputs[0], bn.outputs[0]);
    Absorb(prod, bn);
    ++changes;
  }
  return changes;
}

PARITY_REGISTER_PASS({"fold_batchnorm", FusionLevel::kAll, 50, &FoldBatchNorm});
PARITY_REGISTER_PASS({"fold_batchnorm", FusionLevel::kAll, 62, &FoldBatchNorm});

}  // namespace
}  // namespace parity::rt
