// Less: C = (A < B) as BOOL with multidirectional broadcasting (false when either side is NaN).
//   Less-7: float16/float/double.   Less-9: adds the integer types.   Less-13: adds bfloat16.
#include "core/logic_compare.h"

namespace parity::ref {
namespace {

void RunLess(OpContext& ctx) {
  RunComparison(ctx, [](auto x, auto y) { return x < y; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Less").Versions({7, 9, 13}).Run(RunLess));

}  // namespace parity::ref
