// Reciprocal: y = 1 / x, elementwise (1/0 is inf, as IEEE says).
//   Reciprocal-6: float16/float/double.   Reciprocal-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunReciprocal(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return 1.0 / x; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Reciprocal").Versions({6, 13}).Run(RunReciprocal));

}  // namespace parity::ref
