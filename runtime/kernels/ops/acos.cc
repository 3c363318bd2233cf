// Acos: elementwise std::acos on float tensors.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeAcos(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return std::acos(x); });
}

PARITY_REGISTER_OP({"", "Acos", 7, kMaxOpset, &MakeAcos});

}  // namespace
}  // namespace parity::rt
