// ReduceSum: the sum of the reduced elements, over `axes`; keepdims = 1 (default) keeps reduced dimensions as size 1.
//   ReduceSum-1: `axes` attribute (default: all).   ReduceSum-11: negative axes.   ReduceSum-13: adds bfloat16; `axes`
//   becomes an optional int64 input, with noop_with_empty_axes.
// Axis handling and empty-set values: see core/reduce_common.h.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunReduceSum(OpContext& ctx) { RunReduction(ctx, ReduceKind::kSum, 13); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ReduceSum")
                        .Versions({1, 11, 13})
                        .Int("keepdims", 1)
                        .Attr("axes", AttrType::kInts).Only(1, 12)
                        .Int("noop_with_empty_axes", 0).Only(13)
                        .Run(RunReduceSum));

}  // namespace parity::ref
