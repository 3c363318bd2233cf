// Round: y = x rounded to the nearest integer, halves to even (0.5 -> 0, 1.5 -> 2, -2.5 -> -2), elementwise.
//   Round-11: float16/float/double.   Round-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunRound(OpContext& ctx) {
  // nearbyint uses the current rounding mode, which is round-to-nearest-even by default.
  RunFloatUnary(ctx, [](double x) { return std::nearbyint(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Round").Versions({11, 22}).Run(RunRound));

}  // namespace parity::ref
