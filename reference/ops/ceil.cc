// Ceil: y = the smallest integer >= x, elementwise (NaN and infinities pass through).
//   Ceil-6: float16/float/double.   Ceil-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunCeil(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::ceil(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Ceil").Versions({6, 13}).Run(RunCeil));

}  // namespace parity::ref
