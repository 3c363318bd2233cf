// Sinh: y = std::sinh(x), the hyperbolic sine, elementwise (NaN outside the domain).
//   Sinh-9: float16/float/double.   Sinh-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunSinh(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::sinh(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Sinh").Versions({9, 22}).Run(RunSinh));

}  // namespace parity::ref
