// Greater: C = (A > B) as BOOL with multidirectional broadcasting (false when either side is NaN).
//   Greater-7: float16/float/double.   Greater-9: adds the integer types.   Greater-13: adds bfloat16.
#include "core/logic_compare.h"

namespace parity::ref {
namespace {

void RunGreater(OpContext& ctx) {
  RunComparison(ctx, [](auto x, auto y) { return x > y; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Greater").Versions({7, 9, 13}).Run(RunGreater));

}  // namespace parity::ref
