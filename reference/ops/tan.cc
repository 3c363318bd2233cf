// Tan: y = std::tan(x), the tangent, elementwise (NaN outside the domain).
//   Tan-7: float16/float/double.   Tan-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunTan(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::tan(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Tan").Versions({7, 22}).Run(RunTan));

}  // namespace parity::ref
