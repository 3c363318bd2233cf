// Or: C = A or B for BOOL tensors with multidirectional broadcasting.
//   Or-7: numpy broadcasting (Or-1's broadcast/axis attributes are gone); the only version from opset 7 on.
#include "core/logic_compare.h"

namespace parity::ref {
namespace {

void RunOr(OpContext& ctx) {
  RunLogical(ctx, [](bool x, bool y) { return x || y; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Or").Versions({7}).Run(RunOr));

}  // namespace parity::ref
