// Atanh: y = std::atanh(x), the hyperbolic arctangent, elementwise (NaN outside the domain).
//   Atanh-9: float16/float/double.   Atanh-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunAtanh(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::atanh(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Atanh").Versions({9, 22}).Run(RunAtanh));

}  // namespace parity::ref
