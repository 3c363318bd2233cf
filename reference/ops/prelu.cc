// PRelu: y = x for x >= 0, slope * x for x < 0, elementwise; slope is broadcast onto X (unidirectional: the
// output has X's shape).
//   PRelu-6: slope is a scalar, or [C] applied per channel (axis 1) of X.
//   PRelu-7: numpy-style unidirectional broadcasting of slope; float16/float/double.
//   PRelu-9: adds int32/int64/uint32/uint64 (integers multiply exactly and wrap).   PRelu-16: adds bfloat16.
#include "core/elementwise.h"
#include "core/math_unary.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunPRelu(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  Tensor slope = ctx.Input(1);
  if (ctx.version() == 6 && slope.rank() == 1 && x.rank() >= 2 && slope.dim(0) == x.dim(1) && slope.dim(0) != 1) {
    Shape per_channel(x.rank() - 1, 1);  // [C, 1, ..., 1]: numpy broadcasting then aligns it with axis 1
    per_channel[0] = slope.dim(0);
    slope = slope.Reshaped(per_channel);
  }
  ctx.Check(BroadcastShapes(x.shape(), slope.shape()) == x.shape(),
            "slope " + ShapeToString(slope.shape()) + " cannot be broadcast to X " + ShapeToString(x.shape()));
  ctx.Check(x.dtype() == slope.dtype(),
            "slope has type " + DataTypeName(slope.dtype()) + ", X has " + DataTypeName(x.dtype()));
  ctx.SetOutput(0, BroadcastBinary(x, slope, x.dtype(), [](auto v, auto s) {
                  using T = decltype(v);
                  if constexpr (std::is_same_v<T, uint64_t>) {
                    return v;  // never negative
                  } else {
                    return v < 0 ? WrappingMul(s, v) : v;
                  }
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("PRelu").Versions({6, 7, 9, 16}).Run(RunPRelu));

}  // namespace parity::ref
