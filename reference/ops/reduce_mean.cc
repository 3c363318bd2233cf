// ReduceMean: the arithmetic mean of the reduced elements (integers: truncated), over `axes`; keepdims = 1 (default)
// keeps reduced dimensions as size 1.
//   ReduceMean-1: `axes` attribute (default: all).   ReduceMean-11: negative axes.   ReduceMean-13: adds bfloat16.
//   ReduceMean-18: `axes` becomes an optional int64 input, with noop_with_empty_axes.
// Axis handling and empty-set values: see core/reduce_common.h.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunReduceMean(OpContext& ctx) { RunReduction(ctx, ReduceKind::kMean, 18); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ReduceMean")
                        .Versions({1, 11, 13, 18})
                        .Int("keepdims", 1)
                        .Attr("axes", AttrType::kInts).Only(1, 17)
                        .Int("noop_with_empty_axes", 0).Only(18)
                        .Run(RunReduceMean));

}  // namespace parity::ref
