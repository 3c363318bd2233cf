// Expand: broadcasts the input to the numpy-broadcast of its shape and the int64 input `shape` (so a 1 in `shape`
// keeps the input's dimension, and `shape` may have lower rank than the input).
//   Expand-8.   Expand-13: adds bfloat16.
#include "core/elementwise.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunExpand(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Shape out = BroadcastShapes(x.shape(), ctx.Input(1).ToInt64Vector());
  std::vector<int64_t> index(static_cast<size_t>(ElementCount(out)));
  ForEachBroadcast(out, {x.shape()}, [&](int64_t i, const std::vector<int64_t>& o) { index[i] = o[0]; });
  ctx.SetOutput(0, TakeElements(x, out, index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Expand").Versions({8, 13}).Run(RunExpand));

}  // namespace parity::ref
