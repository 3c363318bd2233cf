// HardSigmoid: y = max(0, min(1, alpha * x + beta)), elementwise.
//   alpha (float, default 0.2), beta (float, default 0.5).
//   HardSigmoid-6: float16/float/double.   HardSigmoid-22: adds bfloat16.
#include <algorithm>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunHardSigmoid(OpContext& ctx) {
  const double alpha = ctx.GetFloat("alpha");
  const double beta = ctx.GetFloat("beta");
  RunFloatUnary(ctx, [&](double x) { return std::max(0.0, std::min(1.0, alpha * x + beta)); });
}

}  // namespace

// Defaults are the float32 values ONNX stores, so a defaulted node equals one that spells them out.
PARITY_REFERENCE_OP(OpDef("HardSigmoid")
                        .Versions({6, 22})
                        .Float("alpha", 0.2f)
                        .Float("beta", 0.5f)
                        .Run(RunHardSigmoid));

}  // namespace parity::ref
