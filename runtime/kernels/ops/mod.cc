// Mod with numpy broadcasting. fmod = 0: the remainder takes the divisor's sign (Python / numpy.mod);
// fmod = 1: it takes the dividend's sign (C fmod). Integer division by zero yields 0 as numpy does.
#include <cmath>

#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

// Remainder with the dividend's sign. b == -1 is answered directly because INT64_MIN % -1 traps.
int64_t TruncRem(int64_t a, int64_t b) {
  return b == 0 || b == -1 ? 0 : a % b;
}

std::unique_ptr<Kernel> MakeMod(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  DType t = b.in(0).dtype;
  b.Require(t == b.in(1).dtype,
            std::string("input dtypes differ: ") + DTypeName(t) + " vs " + DTypeName(b.in(1).dtype));
  bool fmod = b.node().AttrInt("fmod", 0) != 0;
  if (t == DType::kI64) {
    if (fmod) return MakeBroadcast<int64_t, int64_t, int64_t>(b, t, &TruncRem);
    return MakeBroadcast<int64_t, int64_t, int64_t>(b, t, [](int64_t x, int64_t y) {
      int64_t r = TruncRem(x, y);
      return r != 0 && ((r < 0) != (y < 0)) ? r + y : r;
    });
  }
  b.ExpectFloat(0);
  if (fmod) return MakeBroadcast<float, float, float>(b, t, [](float x, float y) { return std::fmod(x, y); });
  return MakeBroadcast<float, float, float>(b, t, [](float x, float y) {
    float r = std::fmod(x, y);
    return r != 0.f && ((r < 0.f) != (y < 0.f)) ? r + y : r;
  });
}

PARITY_REGISTER_OP({"", "Mod", 10, kMaxOpset, &MakeMod});

}  // namespace
}  // namespace parity::rt
