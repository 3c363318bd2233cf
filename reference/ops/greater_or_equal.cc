// GreaterOrEqual: C = (A >= B) as BOOL with multidirectional broadcasting (false when either side is NaN).
//   GreaterOrEqual-12: all numeric types.   GreaterOrEqual-16: adds bfloat16.
#include "core/logic_compare.h"

namespace parity::ref {
namespace {

void RunGreaterOrEqual(OpContext& ctx) {
  RunComparison(ctx, [](auto x, auto y) { return x >= y; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("GreaterOrEqual").Versions({12, 16}).Run(RunGreaterOrEqual));

}  // namespace parity::ref
