// Add: C = A + B with multidirectional broadcasting.
//   Add-7: numpy broadcasting (Add-6's `broadcast`/`axis` attributes are gone).
//   Add-13: adds bfloat16.   Add-14: adds int8/int16/uint8/uint16 (integers wrap like their dtype).
// Add-6 (opset 6) carries the legacy limited broadcast: B broadcast onto A from `axis` when `broadcast` = 1.
#include "core/elementwise.h"
#include "core/legacy_broadcast.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunAdd(OpContext& ctx) {
  const auto [a, b] = LegacyBroadcastOperands(ctx);
  ctx.SetOutput(0, BroadcastBinary(a, b, a.dtype(), [](auto x, auto y) { return x + y; }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Add")
                        .Versions({6, 7, 13, 14})
                        .Int("broadcast", 0).Only(6, 6)
                        .Attr("axis", AttrType::kInt).Only(6, 6)
                        .Run(RunAdd));

}  // namespace parity::ref
