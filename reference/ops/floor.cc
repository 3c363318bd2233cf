// Floor: y = the largest integer <= x, elementwise (NaN and infinities pass through).
//   Floor-6: float16/float/double.   Floor-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunFloor(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::floor(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Floor").Versions({6, 13}).Run(RunFloor));

}  // namespace parity::ref
