// Folds a following Add of a constant per-channel vector (or scalar) into the producer's bias:
//   MatMul(x, W) + b[N]      -> MatMul with fused bias input 2;
//   Gemm(x, W) (no C) + b[N] -> Gemm with C = b;
//   Conv(x, W) + b[OC,1,1]   -> Conv bias (added to an existing bias); ConvTranspose likewise.
#include "passes/pass.h"

namespace parity::rt {
namespace {

// The constant operand of Add node `add` other than value v, or -1.
int OtherConst(const Graph& g, const Node& add, int v) {
  if (add.inputs.size() != 2) return -1;
  int o = add.inputs[0] == v ? add.inputs[1] : add.inputs[0];
  return FloatConst(g, o) ? o : -1;
}

int FuseBias(Graph& g, const CompileOptions&) {
  int changes = 0;
  for (auto& add : g.nodes) {
    if (add.removed || add.op != "Add" || !add.domain.empty()) continue;
    for (int side = 0; side < 2; ++side) {
      int v = add.inputs[side];
      int p = g.values[v].producer;
      if (p < 0 || SoleConsumer(g, v) < 0) continue;
      Node& prod = g.nodes[p];
      if (prod.epilogue.act != Act::kNone || prod.residual_input >= 0) continue;
      int c = OtherConst(g, add, v);
      if (c < 0) continue;
      const Dims& out = g.values[v].dims;
      if (g.values[add.outputs[0]].dims != out) continue;
      bool matmul = prod.op == "MatMul" && out.size() >= 2 && prod.inputs.size() == 2 && FloatConst(g, prod.inputs[1]);
      bool gemm = prod.op == "Gemm" && (prod.inputs.size() < 3 || prod.inputs[2] < 0);
      bool conv = (prod.op == "Conv" || prod.op == "ConvTranspose") && out.size() >= 3;
      if (!(matmul || gemm || conv)) continue;
      std::vector<float> shift = ValuesAlongAxis(g, c, out, conv ? 1 : out.size() - 1);
      if (shift.empty()) continue;
      auto n = static_cast<int64_t>(shift.size());
      ConstPtr bias = MakeConst(DType::kF32, {n});
      const ConstTensor* old =
          conv && prod.inputs.size() > 2 && prod.inputs[2] >= 0 ? FloatConst(g, prod.inputs[2]) : nullptr;
      if (conv && prod.inputs.size() > 2 && prod.inputs[2] >= 0 && !old) continue;
      for (int64_t i = 0; i < n; ++i) bias->mut<float>()[i] = shift[i] + (old ? old->as<float>()[i] : 0.f);
      prod.inputs.resize(std::max<size_t>(prod.inputs.size(), 3), -1);
      prod.inputs[2] = g.AddConst(prod.name + "_bias", bias);
      TakeOverOutput(g, prod, v, add.outputs[0]);
      Absorb(prod, add);
      ++changes;
      break;
    }
  }
  return changes;
}

PARITY_REGISTER_PASS({"fuse_bias", FusionLevel::kAll, 60, &FuseBias});

}  // namespace
}  // namespace parity::rt
