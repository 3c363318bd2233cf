// Swish (opset 24): x * sigmoid(alpha * x), alpha = 1 by default.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeSwish(KernelBuilder& b) {
  float alpha = b.node().AttrFloat("alpha", 1.f);
  return MakeFloatMap(b, [alpha](float x) { return x / (1.f + std::exp(-alpha * x)); });
}

PARITY_REGISTER_OP({"", "Swish", 24, kMaxOpset, &MakeSwish});

}  // namespace
}  // namespace parity::rt
