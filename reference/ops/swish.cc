// Swish: y = x * sigmoid(alpha * x) = x / (1 + e^(-alpha * x)), elementwise.
//   alpha (float, default 1.0).
//   Swish-24: bfloat16/float16/float/double.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunSwish(OpContext& ctx) {
  const double alpha = ctx.GetFloat("alpha");
  RunFloatUnary(ctx, [alpha](double x) { return x / (1.0 + std::exp(-alpha * x)); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Swish").Versions({24}).Float("alpha", 1.0).Run(RunSwish));

}  // namespace parity::ref
