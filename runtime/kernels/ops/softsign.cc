// Softsign: x / (1 + |x|).
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeSoftsign(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return x / (1.f + std::fabs(x)); });
}

PARITY_REGISTER_OP({"", "Softsign", 1, kMaxOpset, &MakeSoftsign});

}  // namespace
}  // namespace parity::rt
