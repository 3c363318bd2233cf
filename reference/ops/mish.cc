// Mish: y = x * tanh(softplus(x)) with softplus(x) = ln(1 + e^x), elementwise.
//   Mish-18: float16/float/double.   Mish-22: adds bfloat16.
#include <algorithm>
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunMish(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return x * std::tanh(std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x)))); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Mish").Versions({18, 22}).Run(RunMish));

}  // namespace parity::ref
