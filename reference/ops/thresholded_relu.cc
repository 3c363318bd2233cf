// ThresholdedRelu: y = x for x > alpha, 0 otherwise, elementwise.
//   alpha (float, default 1.0).
//   ThresholdedRelu-10: float16/float/double.   ThresholdedRelu-22: adds bfloat16.
#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunThresholdedRelu(OpContext& ctx) {
  const double alpha = ctx.GetFloat("alpha");
  RunFloatUnary(ctx, [&](double x) { return x > alpha ? x : 0.0; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("ThresholdedRelu").Versions({10, 22}).Float("alpha", 1.0).Run(RunThresholdedRelu));

}  // namespace parity::ref
