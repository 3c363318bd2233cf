// Min: elementwise minimum of one or more inputs with multidirectional broadcasting; NaN propagates.
//   Min-6: float16/float/double, all inputs of one shape.   Min-8: multidirectional broadcasting.
//   Min-12: adds the integer types.   Min-13: adds bfloat16.
#include <cmath>

#include "core/variadic_elementwise.h"

namespace parity::ref {
namespace {

void RunMin(OpContext& ctx) {
  ctx.SetOutput(0, FoldInputs(ctx, [](auto a, auto b) {
                  using T = decltype(a);
                  if constexpr (std::is_same_v<T, double>) {
                    if (std::isnan(a) || std::isnan(b)) return std::nan("");  // NaN propagates, as numpy does
                  }
                  return b < a ? b : a;
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Min").Versions({6, 8, 12, 13}).Run(RunMin));

}  // namespace parity::ref
