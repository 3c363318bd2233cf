// Tan: elementwise std::tan on float tensors.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeTan(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return std::tan(x); });
}

PARITY_REGISTER_OP({"", "Tan", 7, kMaxOpset, &MakeTan});

}  // namespace
}  // namespace parity::rt
