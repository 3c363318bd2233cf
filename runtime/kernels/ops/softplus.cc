// Softplus: log(1 + exp(x)), written so large |x| neither overflows nor loses the small tail.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

float Softplus(float x) {
  return x > 0.f ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

std::unique_ptr<Kernel> MakeSoftplus(KernelBuilder& b) {
  return MakeFloatMap(b, &Softplus);
}

PARITY_REGISTER_OP({"", "Softplus", 1, kMaxOpset, &MakeSoftplus});

}  // namespace
}  // namespace parity::rt
