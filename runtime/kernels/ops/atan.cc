// Atan: elementwise std::atan on float tensors.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeAtan(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return std::atan(x); });
}

PARITY_REGISTER_OP({"", "Atan", 7, kMaxOpset, &MakeAtan});

}  // namespace
}  // namespace parity::rt
