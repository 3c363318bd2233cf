// Elu: x for x >= 0, alpha * (exp(x) - 1) below (alpha = 1). The opset-1 consumed_inputs attribute is a
// legacy optimization hint and ignored.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeElu(KernelBuilder& b) {
  float alpha = b.node().AttrFloat("alpha", 1.f);
  return MakeFloatMap(b, [alpha](float x) { return x >= 0.f ? x : alpha * std::expm1(x); });
}

PARITY_REGISTER_OP({"", "Elu", 1, kMaxOpset, &MakeElu});

}  // namespace
}  // namespace parity::rt
