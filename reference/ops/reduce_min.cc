// ReduceMin: the smallest reduced element, over `axes`; keepdims = 1 (default) keeps reduced dimensions as size 1.
//   ReduceMin-1: `axes` attribute (default: all).   ReduceMin-11: negative axes.   ReduceMin-12: int8/uint8.
//   ReduceMin-13: adds bfloat16.   ReduceMin-18: `axes` becomes an optional int64 input, with noop_with_empty_axes.
//   ReduceMin-20: bool (logical and).
// Axis handling and empty-set values: see core/reduce_common.h.
#include "core/reduce_common.h"

namespace parity::ref {
namespace {

void RunReduceMin(OpContext& ctx) { RunReduction(ctx, ReduceKind::kMin, 18); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("ReduceMin")
                        .Versions({1, 11, 12, 13, 18, 20})
                        .Int("keepdims", 1)
                        .Attr("axes", AttrType::kInts).Only(1, 17)
                        .Int("noop_with_empty_axes", 0).Only(18)
                        .Run(RunReduceMin));

}  // namespace parity::ref
