// Shrink: y = x + bias for x < -lambd, x - bias for x > lambd, 0 otherwise, elementwise.
//   lambd (float, default 0.5), bias (float, default 0).
//   Shrink-9: all numeric types; for integers the comparison and the shift are done in double and the result is
//   truncated toward zero, then wrapped into the dtype.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunShrink(OpContext& ctx) {
  const double lambd = ctx.GetFloat("lambd");
  const double bias = ctx.GetFloat("bias");
  auto shrink = [&](double x) { return x < -lambd ? x + bias : (x > lambd ? x - bias : 0.0); };
  ctx.SetOutput(0, MapNumeric(ctx.Input(0), [&](auto x) {
                  using T = decltype(x);
                  const double y = shrink(static_cast<double>(x));
                  if constexpr (std::is_same_v<T, double>) {
                    return y;
                  } else {
                    return static_cast<int64_t>(std::trunc(y));
                  }
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Shrink").Versions({9}).Float("bias", 0.0).Float("lambd", 0.5).Run(RunShrink));

}  // namespace parity::ref
