// BitShift on unsigned integer tensors (stored as int64) with numpy broadcasting; direction = "LEFT" or "RIGHT".
// Shifts run on the unsigned bit pattern, so uint64 values above 2^63 shift logically; shifting by 64 or more
// gives 0. A left shift that overflows a narrower type is truncated where the tensor leaves the runtime.
#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

int64_t ShiftLeft(int64_t x, int64_t s) {
  return static_cast<uint64_t>(s) >= 64 ? 0 : static_cast<int64_t>(static_cast<uint64_t>(x) << s);
}
int64_t ShiftRight(int64_t x, int64_t s) {
  return static_cast<uint64_t>(s) >= 64 ? 0 : static_cast<int64_t>(static_cast<uint64_t>(x) >> s);
}

std::unique_ptr<Kernel> MakeBitShift(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  b.Require(b.in(0).dtype == DType::kI64 && b.in(1).dtype == DType::kI64, "inputs must be unsigned integers");
  std::string dir = b.node().AttrString("direction", "");
  if (dir == "LEFT") return MakeBroadcast<int64_t, int64_t, int64_t>(b, DType::kI64, &ShiftLeft);
  if (dir == "RIGHT") return MakeBroadcast<int64_t, int64_t, int64_t>(b, DType::kI64, &ShiftRight);
  b.Fail("direction must be LEFT or RIGHT, got '" + dir + "'");
}

PARITY_REGISTER_OP({"", "BitShift", 11, kMaxOpset, &MakeBitShift});

}  // namespace
}  // namespace parity::rt
