// Cosh: elementwise std::cosh on float tensors.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeCosh(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return std::cosh(x); });
}

PARITY_REGISTER_OP({"", "Cosh", 9, kMaxOpset, &MakeCosh});

}  // namespace
}  // namespace parity::rt
