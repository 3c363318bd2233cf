// Max: elementwise maximum of one or more inputs with multidirectional broadcasting; NaN propagates.
//   Max-6: float16/float/double, all inputs of one shape.   Max-8: multidirectional broadcasting.
//   Max-12: adds the integer types.   Max-13: adds bfloat16.
#include <cmath>

#include "core/variadic_elementwise.h"

namespace parity::ref {
namespace {

void RunMax(OpContext& ctx) {
  ctx.SetOutput(0, FoldInputs(ctx, [](auto a, auto b) {
                  using T = decltype(a);
                  if constexpr (std::is_same_v<T, double>) {
                    if (std::isnan(a) || std::isnan(b)) return std::nan("");  // NaN propagates, as numpy does
                  }
                  return a < b ? b : a;
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Max").Versions({6, 8, 12, 13}).Run(RunMax));

}  // namespace parity::ref
