// Asinh: y = std::asinh(x), the hyperbolic arcsine, elementwise (NaN outside the domain).
//   Asinh-9: float16/float/double.   Asinh-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunAsinh(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::asinh(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Asinh").Versions({9, 22}).Run(RunAsinh));

}  // namespace parity::ref
