// IsNaN: bool mask of NaN elements of a float tensor.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeIsNaN(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  b.ExpectFloat(0);
  return MakeMap<float, uint8_t>(b, DType::kBool, [](float x) { return static_cast<uint8_t>(std::isnan(x)); });
}

PARITY_REGISTER_OP({"", "IsNaN", 9, kMaxOpset, &MakeIsNaN});

}  // namespace
}  // namespace parity::rt
