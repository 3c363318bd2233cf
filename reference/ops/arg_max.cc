// ArgMax: int64 index of the largest element along `axis` (keepdims = 1 keeps that axis as size 1). Ties pick the
// first occurrence, or the last one with select_last_index = 1.
//   ArgMax-1.   ArgMax-11: negative axis.   ArgMax-12: `select_last_index`.   ArgMax-13: adds bfloat16.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunArgMax(OpContext& ctx) { RunArgReduction(ctx, /*is_max=*/true); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ArgMax")
                        .Versions({1, 11, 12, 13})
                        .Int("axis", 0)
                        .Int("keepdims", 1)
                        .Int("select_last_index", 0).Only(12)
                        .Run(RunArgMax));

}  // namespace parity::ref
