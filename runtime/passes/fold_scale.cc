// Folds a following Mul by a constant scalar or per-output-channel vector into the producing Conv's weights and
// bias:  Conv(x, W, B) * s  ->  Conv(x, W * s[o], B * s[o]).
// Exporters leave such scales behind BatchNorm-free blocks (PP-OCRv4's learnable affine blocks: a scalar Mul and
// Add after every conv); fuse_bias then takes the Add.
#include "passes/pass.h"

namespace parity::rt {
namespace {

int FoldScale(Graph& g, const CompileOptions&) {
  int changes = 0;
  for (auto& mul : g.nodes) {
    if (mul.removed || mul.op != "Mul" || !mul.domain.empty() || mul.inputs.size() != 2) continue;
    for (int side = 0; side < 2; ++side) {
      int v = mul.inputs[side];
      int p = g.values[v].producer;
      if (p < 0 || SoleConsumer(g, v) < 0) continue;
      Node& conv = g.nodes[p];
      if (conv.op != "Conv" || !conv.domain.empty() || conv.epilogue.act != Act::kNone || conv.residual_input >= 0)
        continue;
      const Dims& out = g.values[v].dims;
      const ConstTensor* w = FloatConst(g, conv.inputs[1]);
      if (!w || out.size() < 3 || g.values[mul.outputs[0]].dims != out) continue;
      std::vector<float> s = ValuesAlongAxis(g, mul.inputs[1 - side], out, 1);
      bool has_bias = conv.inputs.size() > 2 && conv.inputs[2] >= 0;
      const ConstTensor* b = has_bias ? FloatConst(g, conv.inputs[2]) : nullptr;
      if (s.empty() || (has_bias && !b)) continue;
      auto oc = static_cast<int64_t>(s.size());
      int64_t per_channel = w->size() / oc;
      ConstPtr nw = MakeConst(DType::kF32, w->dims);
      for (int64_t i = 0; i < w->size(); ++i) nw->mut<float>()[i] = w->as<float>()[i] * s[i / per_channel];
      conv.inputs[1] = g.AddConst(conv.name + "_w_scaled", nw);
      if (b) {
        ConstPtr nb = MakeConst(DType::kF32, {oc});
        for (int64_t o = 0; o < oc; ++o) nb->mut<float>()[o] = b->as<float>()[o] * s[o];
        conv.inputs[2] = g.AddConst(conv.name + "_b_scaled", nb);
      }
      TakeOverOutput(g, conv, v, mul.outputs[0]);
      Absorb(conv, mul);
      ++changes;
      break;
    }
  }
  return changes;
}

PARITY_REGISTER_PASS({"fold_scale", FusionLevel::kAll, 55, &FoldScale});

}  // namespace
}  // namespace parity::rt
