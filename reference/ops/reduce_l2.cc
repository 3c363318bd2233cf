// ReduceL2: the square root of the sum of squares of the reduced elements, over `axes`; keepdims = 1 (default) keeps
// reduced dimensions as size 1.
//   ReduceL2-1: `axes` attribute (default: all).   ReduceL2-11: negative axes.   ReduceL2-13: adds bfloat16.
//   ReduceL2-18: `axes` becomes an optional int64 input, with noop_with_empty_axes.
// Axis handling and empty-set values: see core/reduce_common.h.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunReduceL2(OpContext& ctx) { RunReduction(ctx, ReduceKind::kL2, 18); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ReduceL2")
                        .Versions({1, 11, 13, 18})
                        .Int("keepdims", 1)
                        .Attr("axes", AttrType::kInts).Only(1, 17)
                        .Int("noop_with_empty_axes", 0).Only(18)
                        .Run(RunReduceL2));

}  // namespace parity::ref
