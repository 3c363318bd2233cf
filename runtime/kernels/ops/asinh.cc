// Asinh: elementwise std::asinh on float tensors.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeAsinh(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return std::asinh(x); });
}

PARITY_REGISTER_OP({"", "Asinh", 9, kMaxOpset, &MakeAsinh});

}  // namespace
}  // namespace parity::rt
