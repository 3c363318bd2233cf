// Elu: y = x for x >= 0, alpha * (e^x - 1) for x < 0, elementwise.
//   alpha (float, default 1.0).
//   Elu-6: float16/float/double.   Elu-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunElu(OpContext& ctx) {
  const double alpha = ctx.GetFloat("alpha");
  RunFloatUnary(ctx, [&](double x) { return x < 0 ? alpha * std::expm1(x) : x; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Elu").Versions({6, 22}).Float("alpha", 1.0).Run(RunElu));

}  // namespace parity::ref
