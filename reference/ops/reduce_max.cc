// ReduceMax: the largest reduced element, over `axes`; keepdims = 1 (default) keeps reduced dimensions as size 1.
//   ReduceMax-1: `axes` attribute (default: all).   ReduceMax-11: negative axes.   ReduceMax-12: int8/uint8.
//   ReduceMax-13: adds bfloat16.   ReduceMax-18: `axes` becomes an optional int64 input, with noop_with_empty_axes.
//   ReduceMax-20: bool (logical or).
// Axis handling and empty-set values: see core/reduce_common.h.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunReduceMax(OpContext& ctx) { RunReduction(ctx, ReduceKind::kMax, 18); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ReduceMax")
                        .Versions({1, 11, 12, 13, 18, 20})
                        .Int("keepdims", 1)
                        .Attr("axes", AttrType::kInts).Only(1, 17)
                        .Int("noop_with_empty_axes", 0).Only(18)
                        .Run(RunReduceMax));

}  // namespace parity::ref
