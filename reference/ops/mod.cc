// Mod: C = A mod B with multidirectional broadcasting.
//   fmod (int, default 0): 0 = integer modulo whose result takes the sign of the divisor (Python's %: -7 mod 3
//   = 2); 1 = C fmod, whose result takes the sign of the dividend (fmod(-7, 3) = -1). Floating inputs need
//   fmod = 1. An integer modulo by zero is an error.
//   Mod-10: all numeric types.   Mod-13: adds bfloat16.
#include <cmath>

#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunMod(OpContext& ctx) {
  const Tensor& a = ctx.Input(0);
  const Tensor& b = ctx.Input(1);
  const bool fmod = ctx.GetInt("fmod") != 0;
  ctx.Check(fmod || !IsFloating(a.dtype()), "floating-point inputs need fmod = 1");
  ctx.SetOutput(0, BroadcastBinary(a, b, a.dtype(), [&](auto x, auto y) {
                  using T = decltype(x);
                  if constexpr (std::is_same_v<T, double>) {
                    return std::fmod(x, y);
                  } else {
                    if (y == 0) ctx.Fail("integer modulo by zero");
                    if constexpr (std::is_same_v<T, int64_t>) {
                      if (y == -1) return int64_t{0};  // avoids INT_MIN % -1, which C++ leaves undefined
                      const int64_t r = x % y;
                      return (!fmod && r != 0 && ((r < 0) != (y < 0))) ? r + y : r;
                    } else {
                      return x % y;  // unsigned: both conventions agree
                    }
                  }
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Mod").Versions({10, 13}).Int("fmod", 0).Run(RunMod));

}  // namespace parity::ref
