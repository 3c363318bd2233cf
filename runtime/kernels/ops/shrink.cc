// Shrink: x + bias below -lambd, x - bias above lambd, 0 between (float tensors; integer inputs are refused
// because ONNX computes them through float and casts back).
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeShrink(KernelBuilder& b) {
  float bias = b.node().AttrFloat("bias", 0.f);
  float lambd = b.node().AttrFloat("lambd", 0.5f);
  return MakeFloatMap(b, [bias, lambd](float x) { return x < -lambd ? x + bias : (x > lambd ? x - bias : 0.f); });
}

PARITY_REGISTER_OP({"", "Shrink", 9, kMaxOpset, &MakeShrink});

}  // namespace
}  // namespace parity::rt
