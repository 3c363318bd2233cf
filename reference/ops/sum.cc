// Sum: elementwise sum of one or more inputs with multidirectional broadcasting (summed left to right in
// double).
//   Sum-6: float16/float/double, all inputs of one shape.   Sum-8: multidirectional broadcasting.
//   Sum-13: adds bfloat16.
#include <cmath>

#include "core/variadic_elementwise.h"

namespace parity::ref {
namespace {

void RunSum(OpContext& ctx) {
  const Tensor& first = ctx.Input(0);
  ctx.Check(IsFloating(first.dtype()), "inputs must be floating-point tensors, got " + DataTypeName(first.dtype()));
  ctx.SetOutput(0, FoldInputs(ctx, [](auto a, auto b) { return a + b; }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Sum").Versions({6, 8, 13}).Run(RunSum));

}  // namespace parity::ref
