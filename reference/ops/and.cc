// And: C = A and B for BOOL tensors with multidirectional broadcasting.
//   And-7: numpy broadcasting (And-1's broadcast/axis attributes are gone); the only version from opset 7 on.
#include "core/logic_compare.h"

namespace parity::ref {
namespace {

void RunAnd(OpContext& ctx) {
  RunLogical(ctx, [](bool x, bool y) { return x && y; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("And").Versions({7}).Run(RunAnd));

}  // namespace parity::ref
