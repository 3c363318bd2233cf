// Celu: y = max(0, x) + min(0, alpha * (e^(x / alpha) - 1)), elementwise.
//   alpha (float, default 1.0; must not be 0).
//   Celu-12: float (the schema lists float only; other float formats are accepted, computed the same way).
#include <algorithm>
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunCelu(OpContext& ctx) {
  const double alpha = ctx.GetFloat("alpha");
  ctx.Check(alpha != 0.0, "alpha must not be 0");
  RunFloatUnary(ctx, [&](double x) { return std::max(0.0, x) + std::min(0.0, alpha * std::expm1(x / alpha)); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Celu").Versions({12}).Float("alpha", 1.0).Run(RunCelu));

}  // namespace parity::ref
