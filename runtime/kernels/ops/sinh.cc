// Sinh: elementwise std::sinh on float tensors.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeSinh(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return std::sinh(x); });
}

PARITY_REGISTER_OP({"", "Sinh", 9, kMaxOpset, &MakeSinh});

}  // namespace
}  // namespace parity::rt
