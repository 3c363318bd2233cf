// LessOrEqual: C = (A <= B) as BOOL with multidirectional broadcasting (false when either side is NaN).
//   LessOrEqual-12: all numeric types.   LessOrEqual-16: adds bfloat16.
#include "core/logic_compare.h"

namespace parity::ref {
namespace {

void RunLessOrEqual(OpContext& ctx) {
  RunComparison(ctx, [](auto x, auto y) { return x <= y; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("LessOrEqual").Versions({12, 16}).Run(RunLessOrEqual));

}  // namespace parity::ref
