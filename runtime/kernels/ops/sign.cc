// Sign: -1, 0 or 1 (NaN stays NaN) on float and integer tensors.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeSign(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  DType t = b.in(0).dtype;
  if (t == DType::kI64) {
    return MakeMap<int64_t, int64_t>(b, t, [](int64_t x) { return static_cast<int64_t>((x > 0) - (x < 0)); });
  }
  b.ExpectFloat(0);
  return MakeFloatMap(b, [](float x) { return x > 0.f ? 1.f : (x < 0.f ? -1.f : x); });
}

PARITY_REGISTER_OP({"", "Sign", 9, kMaxOpset, &MakeSign});

}  // namespace
}  // namespace parity::rt
