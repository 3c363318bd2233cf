// Log: y = ln(x), elementwise (-inf at 0, NaN below).
//   Log-6: float16/float/double.   Log-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunLog(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::log(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Log").Versions({6, 13}).Run(RunLog));

}  // namespace parity::ref
