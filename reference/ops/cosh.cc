// Cosh: y = std::cosh(x), the hyperbolic cosine, elementwise (NaN outside the domain).
//   Cosh-9: float16/float/double.   Cosh-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunCosh(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::cosh(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Cosh").Versions({9, 22}).Run(RunCosh));

}  // namespace parity::ref
