// Acosh: elementwise std::acosh on float tensors.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeAcosh(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return std::acosh(x); });
}

PARITY_REGISTER_OP({"", "Acosh", 9, kMaxOpset, &MakeAcosh});

}  // namespace
}  // namespace parity::rt
