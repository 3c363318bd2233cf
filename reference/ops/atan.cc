// Atan: y = std::atan(x), the arctangent, elementwise (NaN outside the domain).
//   Atan-7: float16/float/double.   Atan-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunAtan(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::atan(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Atan").Versions({7, 22}).Run(RunAtan));

}  // namespace parity::ref
