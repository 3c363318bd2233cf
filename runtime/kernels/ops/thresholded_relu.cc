// ThresholdedRelu: x where x > alpha (default 1), else 0.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeThresholdedRelu(KernelBuilder& b) {
  float alpha = b.node().AttrFloat("alpha", 1.f);
  return MakeFloatMap(b, [alpha](float x) { return x > alpha ? x : 0.f; });
}

PARITY_REGISTER_OP({"", "ThresholdedRelu", 10, kMaxOpset, &MakeThresholdedRelu});

}  // namespace
}  // namespace parity::rt
