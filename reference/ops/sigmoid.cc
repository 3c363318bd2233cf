// Sigmoid: y = 1 / (1 + e^-x), elementwise.
//   Sigmoid-6: float16/float/double.   Sigmoid-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunSigmoid(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return 1.0 / (1.0 + std::exp(-x)); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Sigmoid").Versions({6, 13}).Run(RunSigmoid));

}  // namespace parity::ref
