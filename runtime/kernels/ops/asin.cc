// Asin: elementwise std::asin on float tensors.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeAsin(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return std::asin(x); });
}

PARITY_REGISTER_OP({"", "Asin", 7, kMaxOpset, &MakeAsin});

}  // namespace
}  // namespace parity::rt
