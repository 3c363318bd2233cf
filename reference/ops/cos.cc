// Cos: y = std::cos(x), the cosine, elementwise (NaN outside the domain).
//   Cos-7: float16/float/double.   Cos-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunCos(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::cos(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Cos").Versions({7, 22}).Run(RunCos));

}  // namespace parity::ref
