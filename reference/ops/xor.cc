// Xor: C = A xor B for BOOL tensors with multidirectional broadcasting.
//   Xor-7: numpy broadcasting (Xor-1's broadcast/axis attributes are gone); the only version from opset 7 on.
#include "core/logic_compare.h"

namespace parity::ref {
namespace {

void RunXor(OpContext& ctx) {
  RunLogical(ctx, [](bool x, bool y) { return x != y; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Xor").Versions({7}).Run(RunXor));

}  // namespace parity::ref
