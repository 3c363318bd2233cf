// ReduceProd: the product of the reduced elements, over `axes`; keepdims = 1 (default) keeps reduced dimensions as
// size 1.
//   ReduceProd-1: `axes` attribute (default: all).   ReduceProd-11: negative axes.   ReduceProd-13: adds bfloat16.
//   ReduceProd-18: `axes` becomes an optional int64 input, with noop_with_empty_axes.
// Axis handling and empty-set values: see core/reduce_common.h.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunReduceProd(OpContext& ctx) { RunReduction(ctx, ReduceKind::kProd, 18); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ReduceProd")
                        .Versions({1, 11, 13, 18})
                        .Int("keepdims", 1)
                        .Attr("axes", AttrType::kInts).Only(1, 17)
                        .Int("noop_with_empty_axes", 0).Only(18)
                        .Run(RunReduceProd));

}  // namespace parity::ref
