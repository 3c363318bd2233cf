// Gelu: Gaussian error linear unit, elementwise.
//   approximate = "none" (default): y = 0.5 * x * (1 + erf(x / sqrt(2))).
//   approximate = "tanh":           y = 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))).
//   Gelu-20: bfloat16/float16/float/double.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunGelu(OpContext& ctx) {
  const std::string approximate = ctx.GetString("approximate");
  if (approximate == "none") {
    RunFloatUnary(ctx, [](double x) { return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))); });
  } else if (approximate == "tanh") {
    const double k = std::sqrt(2.0 / M_PI);
    RunFloatUnary(ctx, [k](double x) { return 0.5 * x * (1.0 + std::tanh(k * (x + 0.044715 * x * x * x))); });
  } else {
    ctx.Fail("approximate must be \"none\" or \"tanh\", got \"" + approximate + "\"");
  }
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Gelu").Versions({20}).String("approximate", "none").Run(RunGelu));

}  // namespace parity::ref
