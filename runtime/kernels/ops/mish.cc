// Mish: x * tanh(softplus(x)); softplus in the overflow-safe form.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

float Mish(float x) {
  float sp = x > 0.f ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
  return x * std::tanh(sp);
}

std::unique_ptr<Kernel> MakeMish(KernelBuilder& b) {
  return MakeFloatMap(b, &Mish);
}

PARITY_REGISTER_OP({"", "Mish", 18, kMaxOpset, &MakeMish});

}  // namespace
}  // namespace parity::rt
