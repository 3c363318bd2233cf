// IsInf: bool mask of infinite elements, each sign selectable by detect_negative / detect_positive.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeIsInf(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  b.ExpectFloat(0);
  bool neg = b.node().AttrInt("detect_negative", 1) != 0;
  bool pos = b.node().AttrInt("detect_positive", 1) != 0;
  return MakeMap<float, uint8_t>(
      b, DType::kBool, [neg, pos](float x) { return static_cast<uint8_t>(std::isinf(x) && (x < 0.f ? neg : pos)); });
}

PARITY_REGISTER_OP({"", "IsInf", 10, kMaxOpset, &MakeIsInf});

}  // namespace
}  // namespace parity::rt
