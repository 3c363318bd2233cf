// ReduceLogSumExp: the log(sum(exp(x))) of the reduced elements (computed as m + log(sum(exp(x - m))) with m the max,
// so large inputs do not overflow), over `axes`; keepdims = 1 (default) keeps reduced dimensions as size 1.
//   ReduceLogSumExp-1: `axes` attribute (default: all).   ReduceLogSumExp-11: negative axes.   ReduceLogSumExp-13:
//   adds bfloat16.   ReduceLogSumExp-18: `axes` becomes an optional int64 input, with noop_with_empty_axes.
// Axis handling and empty-set values: see core/reduce_common.h.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunReduceLogSumExp(OpContext& ctx) { RunReduction(ctx, ReduceKind::kLogSumExp, 18); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ReduceLogSumExp")
                        .Versions({1, 11, 13, 18})
                        .Int("keepdims", 1)
                        .Attr("axes", AttrType::kInts).Only(1, 17)
                        .Int("noop_with_empty_axes", 0).Only(18)
                        .Run(RunReduceLogSumExp));

}  // namespace parity::ref
