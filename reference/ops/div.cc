// Div: C = A / B with multidirectional broadcasting. Floats divide in double (x/0 gives inf or NaN as IEEE says);
// integers divide truncating toward zero (-7 / 2 = -3) and wrap (INT_MIN / -1 = INT_MIN); an integer division
// by zero is an error.
//   Div-7: numpy broadcasting; float16/float/double, int32/int64, uint32/uint64.   Div-13: adds bfloat16.
//   Div-14: adds int8/int16/uint8/uint16.
// Div-6 (opset 6) carries the legacy limited broadcast: B onto A from `axis` when `broadcast` = 1.
#include <limits>

#include "core/elementwise.h"
#include "core/legacy_broadcast.h"
#include "core/math_unary.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunDiv(OpContext& ctx) {
  const auto [a, b] = LegacyBroadcastOperands(ctx);
  ctx.SetOutput(0, BroadcastBinary(a, b, a.dtype(), [&](auto x, auto y) {
                  using T = decltype(x);
                  if constexpr (!std::is_same_v<T, double>) {
                    if (y == 0) ctx.Fail("integer division by zero");
                  }
                  if constexpr (std::is_same_v<T, int64_t>) {
                    // The one overflowing quotient: C++ leaves it undefined, two's complement wraps it.
                    if (x == std::numeric_limits<int64_t>::min() && y == -1) return x;
                  }
                  return x / y;
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Div")
                        .Versions({6, 7, 13, 14})
                        .Int("broadcast", 0).Only(6, 6)
                        .Attr("axis", AttrType::kInt).Only(6, 6)
                        .Run(RunDiv));

}  // namespace parity::ref
