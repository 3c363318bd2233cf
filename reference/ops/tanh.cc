// Tanh: y = tanh(x), elementwise.
//   Tanh-6: float16/float/double.   Tanh-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunTanh(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::tanh(x); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Tanh").Versions({6, 13}).Run(RunTanh));

}  // namespace parity::ref
