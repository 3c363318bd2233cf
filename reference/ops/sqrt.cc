// Sqrt: y = sqrt(x), elementwise (NaN for x < 0).
//   Sqrt-6: float16/float/double.   Sqrt-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunSqrt(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::sqrt(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Sqrt").Versions({6, 13}).Run(RunSqrt));

}  // namespace parity::ref
