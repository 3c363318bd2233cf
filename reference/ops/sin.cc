// Sin: y = std::sin(x), the sine, elementwise (NaN outside the domain).
//   Sin-7: float16/float/double.   Sin-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunSin(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::sin(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Sin").Versions({7, 22}).Run(RunSin));

}  // namespace parity::ref
