// Selu: gamma * x for x > 0, gamma * alpha * (exp(x) - 1) otherwise, with the ONNX default constants.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeSelu(KernelBuilder& b) {
  float alpha = b.node().AttrFloat("alpha", 1.67326319217681884765625f);
  float gamma = b.node().AttrFloat("gamma", 1.05070102214813232421875f);
  return MakeFloatMap(b, [alpha, gamma](float x) { return x > 0.f ? gamma * x : gamma * alpha * std::expm1(x); });
}

PARITY_REGISTER_OP({"", "Selu", 1, kMaxOpset, &MakeSelu});

}  // namespace
}  // namespace parity::rt
