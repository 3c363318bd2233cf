// Sub: C = A - B with multidirectional broadcasting; integers wrap like their dtype.
//   Sub-7: numpy broadcasting (the broadcast/axis attributes of Sub-6 are gone); float16/float/double, int32/int64,
//   uint32/uint64.   Sub-13: adds bfloat16.   Sub-14: adds int8/int16/uint8/uint16.
// Sub-6 (opset 6, in force at opset 7 only for models importing opset 6) carries the legacy limited broadcast:
// B is broadcast onto A from `axis` when `broadcast` = 1.
#include "core/elementwise.h"
#include "core/legacy_broadcast.h"
#include "core/math_unary.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunSub(OpContext& ctx) {
  const auto [a, b] = LegacyBroadcastOperands(ctx);
  ctx.SetOutput(0, BroadcastBinary(a, b, a.dtype(), [](auto x, auto y) { return WrappingSub(x, y); }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Sub")
                        .Versions({6, 7, 13, 14})
                        .Int("broadcast", 0).Only(6, 6)
                        .Attr("axis", AttrType::kInt).Only(6, 6)
                        .Run(RunSub));

}  // namespace parity::ref
