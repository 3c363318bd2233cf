// Asin: y = std::asin(x), the arcsine, elementwise (NaN outside the domain).
//   Asin-7: float16/float/double.   Asin-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunAsin(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::asin(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Asin").Versions({7, 22}).Run(RunAsin));

}  // namespace parity::ref
