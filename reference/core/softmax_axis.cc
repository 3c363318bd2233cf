#include "core/softmax_axis.h"

#include "core/elementwise.h"

namespace parity::ref {

SoftmaxLanes SoftmaxLanesOf(const OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()), "input must be a floating-point tensor, got " + DataTypeName(x.dtype()));
  const int64_t rank = x.rank();
  // A scalar has one lane of one element (axis -1 and 0 both name it).
  const int64_t axis = rank == 0 ? 0 : NormalizeAxis(ctx.GetInt("axis"), rank);
  SoftmaxLanes lanes;
  for (int64_t d = 0; d < axis; ++d) lanes.outer *= x.shape()[d];
  if (ctx.version() < 13) {
    for (int64_t d = axis; d < rank; ++d) lanes.length *= x.shape()[d];
  } else {
    lanes.length = rank == 0 ? 1 : x.shape()[axis];
    for (int64_t d = axis + 1; d < rank; ++d) lanes.inner *= x.shape()[d];
  }
  return lanes;
}

}  // namespace parity::ref
