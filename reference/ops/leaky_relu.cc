// LeakyRelu: y = x for x >= 0, alpha * x for x < 0, elementwise.
//   alpha (float, default 0.01).
//   LeakyRelu-6: float16/float/double.   LeakyRelu-16: adds bfloat16.
#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunLeakyRelu(OpContext& ctx) {
  const double alpha = ctx.GetFloat("alpha");
  RunFloatUnary(ctx, [&](double x) { return x < 0 ? alpha * x : x; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("LeakyRelu").Versions({6, 16}).Float("alpha", 0.01f).Run(RunLeakyRelu));

}  // namespace parity::ref
