#include "core/legacy_broadcast.h"

namespace parity::ref {

std::pair<Tensor, Tensor> LegacyBroadcastOperands(const OpContext& ctx) {
  const Tensor& a = ctx.Input(0);
  const Tensor& b = ctx.Input(1);
  if (ctx.version() >= 7) return {a, b};
  if (ctx.GetInt("broadcast") == 0) {
    ctx.Check(a.shape() == b.shape(), "without broadcast=1, A " + ShapeToString(a.shape()) + " and B " +
                                          ShapeToString(b.shape()) + " must have the same shape");
    return {a, b};
  }
  const int64_t axis = ctx.HasAttr("axis") ? ctx.GetInt("axis") : a.rank() - b.rank();
  ctx.Check(axis >= 0 && axis + b.rank() <= a.rank(), "axis " + std::to_string(axis) + " does not place B " +
                                                          ShapeToString(b.shape()) + " inside A " +
                                                          ShapeToString(a.shape()));
  Shape shape = b.shape();
  shape.resize(a.rank() - axis, 1);  // pad trailing dims with 1 so numpy rules align B at `axis`
  return {a, b.Reshaped(shape)};
}

}  // namespace parity::ref
