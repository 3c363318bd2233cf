// Sign: y = -1, 0 or 1 by the sign of x (NaN stays NaN; -0 gives 0), elementwise, any numeric type.
//   Sign-9: all numeric types.   Sign-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunSign(OpContext& ctx) {
  ctx.SetOutput(0, MapNumeric(ctx.Input(0), [](auto x) {
                  using T = decltype(x);
                  if constexpr (std::is_same_v<T, double>) {
                    return std::isnan(x) ? x : static_cast<double>((x > 0) - (x < 0));
                  } else if constexpr (std::is_same_v<T, uint64_t>) {
                    return static_cast<T>(x > 0 ? 1 : 0);
                  } else {
                    return static_cast<T>(x > 0 ? 1 : (x < 0 ? -1 : 0));
                  }
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Sign").Versions({9, 13}).Run(RunSign));

}  // namespace parity::ref
