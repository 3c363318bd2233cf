// Selu: y = gamma * x for x > 0, gamma * alpha * (e^x - 1) for x <= 0, elementwise.
//   alpha (float, default 1.67326319...), gamma (float, default 1.05070102...): the float32 roundings of the
//   self-normalising constants.
//   Selu-6: float16/float/double.   Selu-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunSelu(OpContext& ctx) {
  const double alpha = ctx.GetFloat("alpha");
  const double gamma = ctx.GetFloat("gamma");
  RunFloatUnary(ctx, [&](double x) { return x > 0 ? gamma * x : gamma * alpha * std::expm1(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Selu")
                        .Versions({6, 22})
                        .Float("alpha", 1.67326319217681884765625f)
                        .Float("gamma", 1.05070102214813232421875f)
                        .Run(RunSelu));

}  // namespace parity::ref
