// ConvInteger: Conv over integers, y = conv(x - x_zero_point, w - w_zero_point) as int32 (no bias input).
// x and w are int8 or uint8; x_zero_point is a scalar (default 0); w_zero_point is a scalar or one value per
// output channel [M] (default 0). Padding cells stand for x_zero_point, i.e. contribute 0 after the shift.
// Attributes as Conv (auto_pad, dilations, group, kernel_shape, pads, strides). Sums are exact in double and
// wrap to int32 like the op's int32 accumulator.
//   ConvInteger-10: the only version.
#include "core/nn_window.h"
#include "core/op_context.h"
#include "core/quant_common.h"

namespace parity::ref {
namespace {

void RunConvInteger(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& w = ctx.Input(1);
  ctx.Check(IsInteger(x.dtype()) && IsInteger(w.dtype()), "x and w must be 8-bit integers, got " +
                                                              DataTypeName(x.dtype()) + " and " +
                                                              DataTypeName(w.dtype()));
  ctx.Check(x.rank() >= 3 && w.rank() == x.rank(),
            "x " + ShapeToString(x.shape()) + " and w " + ShapeToString(w.shape()) + " must have the same rank >= 3");
  const int64_t group = ctx.GetInt("group");
  const int64_t n = x.dim(0), c = x.dim(1), m = w.dim(0);
  ctx.Check(group >= 1 && c % group == 0 && m % group == 0 && w.dim(1) * group == c,
            "channels do not match: x has " + std::to_string(c) + ", w is " + ShapeToString(w.shape()));
  const std::vector<double> x_zp = ZeroPointValues(ctx.HasInput(2) ? &ctx.Input(2) : nullptr);
  const std::vector<double> w_zp = ZeroPointValues(ctx.HasInput(3) ? &ctx.Input(3) : nullptr);
  ctx.Check(x_zp.size() == 1, "x_zero_point must be a scalar");
  ctx.Check(w_zp.size() == 1 || static_cast<int64_t>(w_zp.size()) == m,
            "w_zero_point must be a scalar or have one value per output channel");

  std::vector<double> xv = x.ToDoubleVector();
  for (double& v : xv) v -= x_zp[0];
  std::vector<double> wv = w.ToDoubleVector();
  const int64_t per_channel = m == 0 ? 0 : w.size() / m;
  for (int64_t i = 0; i < w.size(); ++i) wv[i] -= w_zp.size() == 1 ? w_zp[0] : w_zp[i / per_channel];

  const std::vector<int64_t> in(x.shape().begin() + 2, x.shape().end());
  const std::vector<int64_t> kernel(w.shape().begin() + 2, w.shape().end());
  const WindowGeometry g = ConvWindow(ReadWindowAttrs(ctx, x.rank() - 2, kernel, true, false), in);
  const Shape out_shape = WindowOutputShape(n, m, g);
  std::vector<double> y(ElementCount(out_shape));
  Convolve(xv.data(), wv.data(), g, n, c, m, group, y.data(), ctx.threads());
  ctx.SetOutput(0, Tensor(DataType::kDouble, out_shape, std::move(y)).WithDtype(DataType::kInt32));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("ConvInteger")
                        .Versions({10})
                        .String("auto_pad", "NOTSET")
                        .Attr("dilations", AttrType::kInts)
                        .Int("group", 1)
                        .Attr("kernel_shape", AttrType::kInts)
                        .Attr("pads", AttrType::kInts)
                        .Attr("strides", AttrType::kInts)
                        .Run(RunConvInteger));

}  // namespace parity::ref
