// Erf: y = erf(x) = 2/sqrt(pi) * integral_0^x e^(-t^2) dt, elementwise.
//   Erf-9: all numeric types (for integers erf is taken of the value and truncated toward zero, so only 0 and
//   +/-1 can result).   Erf-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunErf(OpContext& ctx) {
  ctx.SetOutput(0, MapNumeric(ctx.Input(0), [](auto x) {
                  using T = decltype(x);
                  if constexpr (std::is_same_v<T, double>) {
                    return std::erf(x);
                  } else {
                    return static_cast<int64_t>(std::trunc(std::erf(static_cast<double>(x))));
                  }
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Erf").Versions({9, 13}).Run(RunErf));

}  // namespace parity::ref
