// Atanh: elementwise std::atanh on float tensors.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeAtanh(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return std::atanh(x); });
}

PARITY_REGISTER_OP({"", "Atanh", 9, kMaxOpset, &MakeAtanh});

}  // namespace
}  // namespace parity::rt
