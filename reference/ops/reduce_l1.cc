// ReduceL1: the sum of absolute values of the reduced elements, over `axes`; keepdims = 1 (default) keeps reduced
// dimensions as size 1.
//   ReduceL1-1: `axes` attribute (default: all).   ReduceL1-11: negative axes.   ReduceL1-13: adds bfloat16.
//   ReduceL1-18: `axes` becomes an optional int64 input, with noop_with_empty_axes.
// Axis handling and empty-set values: see core/reduce_common.h.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunReduceL1(OpContext& ctx) { RunReduction(ctx, ReduceKind::kL1, 18); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ReduceL1")
                        .Versions({1, 11, 13, 18})
                        .Int("keepdims", 1)
                        .Attr("axes", AttrType::kInts).Only(1, 17)
                        .Int("noop_with_empty_axes", 0).Only(18)
                        .Run(RunReduceL1));

}  // namespace parity::ref
