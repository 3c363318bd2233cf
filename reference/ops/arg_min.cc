// ArgMin: int64 index of the smallest element along `axis` (keepdims = 1 keeps that axis as size 1). Ties pick the
// first occurrence, or the last one with select_last_index = 1.
//   ArgMin-1.   ArgMin-11: negative axis.   ArgMin-12: `select_last_index`.   ArgMin-13: adds bfloat16.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunArgMin(OpContext& ctx) { RunArgReduction(ctx, /*is_max=*/false); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ArgMin")
                        .Versions({1, 11, 12, 13})
                        .Int("axis", 0)
                        .Int("keepdims", 1)
                        .Int("select_last_index", 0).Only(12)
                        .Run(RunArgMin));

}  // namespace parity::ref
