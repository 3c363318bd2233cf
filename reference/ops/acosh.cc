// Acosh: y = std::acosh(x), the hyperbolic arccosine, elementwise (NaN outside the domain).
//   Acosh-9: float16/float/double.   Acosh-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunAcosh(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::acosh(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Acosh").Versions({9, 22}).Run(RunAcosh));

}  // namespace parity::ref
