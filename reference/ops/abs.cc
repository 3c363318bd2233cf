// Abs: y = |x|, elementwise, for every numeric type (unsigned values are returned as they are; |INT_MIN| wraps
// to INT_MIN as two's complement does).
//   Abs-6: all numeric types.   Abs-13: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunAbs(OpContext& ctx) {
  ctx.SetOutput(0, MapNumeric(ctx.Input(0), [](auto x) {
                  using T = decltype(x);
                  if constexpr (std::is_same_v<T, uint64_t>) {
                    return x;
                  } else if constexpr (std::is_same_v<T, int64_t>) {
                    return x < 0 ? WrappingSub<int64_t>(0, x) : x;
                  } else {
                    return std::fabs(x);
                  }
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Abs").Versions({6, 13}).Run(RunAbs));

}  // namespace parity::ref
