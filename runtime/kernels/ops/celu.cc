// Celu: max(0, x) + min(0, alpha * (exp(x / alpha) - 1)), alpha = 1 by default.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeCelu(KernelBuilder& b) {
  float alpha = b.node().AttrFloat("alpha", 1.f);
  b.Require(alpha != 0.f, "alpha must be nonzero");
  return MakeFloatMap(b, [alpha](float x) { return x > 0.f ? x : alpha * std::expm1(x / alpha); });
}

PARITY_REGISTER_OP({"", "Celu", 12, kMaxOpset, &MakeCelu});

}  // namespace
}  // namespace parity::rt
