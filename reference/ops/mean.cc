// Mean: elementwise mean of one or more inputs with multidirectional broadcasting (sum in double, then / n).
//   Mean-6: float16/float/double, all inputs of one shape.   Mean-8: multidirectional broadcasting.
//   Mean-13: adds bfloat16.
#include <cmath>

#include "core/variadic_elementwise.h"

namespace parity::ref {
namespace {

void RunMean(OpContext& ctx) {
  const Tensor& first = ctx.Input(0);
  ctx.Check(IsFloating(first.dtype()), "inputs must be floating-point tensors, got " + DataTypeName(first.dtype()));
  Tensor sum = FoldInputs(ctx, [](auto a, auto b) { return a + b; });
  const double count = static_cast<double>(ctx.InputsFrom(0).size());
  for (double& v : sum.reals()) v /= count;
  ctx.SetOutput(0, std::move(sum));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Mean").Versions({6, 8, 13}).Run(RunMean));

}  // namespace parity::ref
