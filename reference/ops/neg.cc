// Neg: y = -x, elementwise (-INT_MIN wraps to INT_MIN).
//   Neg-6: float16/float/double and int8/16/32/64.   Neg-13: adds bfloat16.
#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunNeg(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()) || IsSignedInteger(x.dtype()),
            "input must be a floating-point or signed integer tensor, got " + DataTypeName(x.dtype()));
  ctx.SetOutput(0, MapNumeric(x, [](auto v) {
                  using T = decltype(v);
                  if constexpr (std::is_same_v<T, double>) {
                    return -v;
                  } else {
                    return WrappingSub<T>(0, v);
                  }
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Neg").Versions({6, 13}).Run(RunNeg));

}  // namespace parity::ref
