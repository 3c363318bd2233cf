// HardSwish: y = x * max(0, min(1, x / 6 + 0.5)), elementwise (HardSigmoid with alpha = 1/6, beta = 0.5, times x).
//   HardSwish-14: float16/float/double.   HardSwish-22: adds bfloat16.
#include <algorithm>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunHardSwish(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return x * std::max(0.0, std::min(1.0, x / 6.0 + 0.5)); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("HardSwish").Versions({14, 22}).Run(RunHardSwish));

}  // namespace parity::ref
