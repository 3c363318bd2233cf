// BitwiseAnd on integer tensors with numpy broadcasting. Exact on the int64 storage for every integer type:
// sign- or zero-extension commutes with &.
#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

std::unique_ptr<Kernel> MakeBitwiseAnd(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  b.Require(b.in(0).dtype == DType::kI64 && b.in(1).dtype == DType::kI64, "inputs must be integer tensors");
  return MakeBroadcast<int64_t, int64_t, int64_t>(b, DType::kI64, [](int64_t x, int64_t y) { return x & y; });
}

PARITY_REGISTER_OP({"", "BitwiseAnd", 18, kMaxOpset, &MakeBitwiseAnd});

}  // namespace
}  // namespace parity::rt
