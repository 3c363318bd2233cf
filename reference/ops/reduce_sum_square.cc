// ReduceSumSquare: the sum of squares of the reduced elements, over `axes`; keepdims = 1 (default) keeps reduced
// dimensions as size 1.
//   ReduceSumSquare-1: `axes` attribute (default: all).   ReduceSumSquare-11: negative axes.   ReduceSumSquare-13:
//   adds bfloat16.   ReduceSumSquare-18: `axes` becomes an optional int64 input, with noop_with_empty_axes.
// Axis handling and empty-set values: see core/reduce_common.h.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunReduceSumSquare(OpContext& ctx) { RunReduction(ctx, ReduceKind::kSumSquare, 18); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ReduceSumSquare")
                        .Versions({1, 11, 13, 18})
                        .Int("keepdims", 1)
                        .Attr("axes", AttrType::kInts).Only(1, 17)
                        .Int("noop_with_empty_axes", 0).Only(18)
                        .Run(RunReduceSumSquare));

}  // namespace parity::ref
