// Round: to the nearest integer, halves to even (nearbyint in the default rounding mode), as ONNX specifies.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeRound(KernelBuilder& b) {
  return MakeFloatMap(b, [](float x) { return std::nearbyint(x); });
}

PARITY_REGISTER_OP({"", "Round", 11, kMaxOpset, &MakeRound});

}  // namespace
}  // namespace parity::rt
