// Exp: y = e^x, elementwise.
//   Exp-6: float16/float/double.   Exp-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunExp(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::exp(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Exp").Versions({6, 13}).Run(RunExp));

}  // namespace parity::ref
