// Acos: y = std::acos(x), the arccosine, elementwise (NaN outside the domain).
//   Acos-7: float16/float/double.   Acos-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunAcos(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::acos(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Acos").Versions({7, 22}).Run(RunAcos));

}  // namespace parity::ref
