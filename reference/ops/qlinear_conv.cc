// QLinearConv: quantized Conv.
//   acc[n, m, o] = sum (x - x_zero_point) * (w - w_zero_point[m]) + B[m]          (exact integers)
//   y = saturate(round_half_even(acc * x_scale * w_scale[m] / y_scale) + y_zero_point)
// Inputs: x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point, B (optional int32 [M]).
// x / w / y are int8 or uint8; x_scale, y_scale, x_zero_point, y_zero_point are scalars; w_scale and
// w_zero_point are scalars or per output channel [M]. y has y_zero_point's type. Padding cells stand for
// x_zero_point. Attributes as Conv (auto_pad, dilations, group, kernel_shape, pads, strides).
//   QLinearConv-10: the only version.
#include "core/nn_window.h"
#include "core/op_context.h"
#include "core/quant_common.h"

namespace parity::ref {
namespace {

double PerChannel(const std::vector<double>& v, int64_t m) { return v.size() == 1 ? v[0] : v[m]; }

void RunQLinearConv(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& w = ctx.Input(3);
  ctx.Check(IsInteger(x.dtype()) && IsInteger(w.dtype()), "x and w must be 8-bit integers");
  ctx.Check(x.rank() >= 3 && w.rank() == x.rank(),
            "x " + ShapeToString(x.shape()) + " and w " + ShapeToString(w.shape()) + " must have the same rank >= 3");
  const int64_t group = ctx.GetInt("group");
  const int64_t n = x.dim(0), c = x.dim(1), m = w.dim(0);
  ctx.Check(group >= 1 && c % group == 0 && m % group == 0 && w.dim(1) * group == c,
            "channels do not match: x has " + std::to_string(c) + ", w is " + ShapeToString(w.shape()));
  const double x_scale = ctx.Input(1).AsDouble(0);
  const std::vector<double> x_zp = ZeroPointValues(ctx.HasInput(2) ? &ctx.Input(2) : nullptr);
  const std::vector<double> w_scale = ctx.Input(4).ToDoubleVector();
  const std::vector<double> w_zp = ZeroPointValues(ctx.HasInput(5) ? &ctx.Input(5) : nullptr);
  const double y_scale = ctx.Input(6).AsDouble(0);
  const std::vector<double> y_zp = ZeroPointValues(ctx.HasInput(7) ? &ctx.Input(7) : nullptr);
  const DataType out_dtype = ctx.HasInput(7) ? ctx.Input(7).dtype() : x.dtype();
  ctx.Check(ctx.Input(1).size() == 1 && ctx.Input(6).size() == 1 && x_zp.size() == 1 && y_zp.size() == 1,
            "x_scale, x_zero_point, y_scale and y_zero_point must be scalars");
  for (const auto* v : {&w_scale, &w_zp}) {
    ctx.Check(v->size() == 1 || static_cast<int64_t>(v->size()) == m,
              "w_scale and w_zero_point must be scalars or have one value per output channel");
  }

  std::vector<double> xv = x.ToDoubleVector();
  for (double& v : xv) v -= x_zp[0];
  std::vector<double> wv = w.ToDoubleVector();
  const int64_t per_channel = m == 0 ? 0 : w.size() / m;
  for (int64_t i = 0; i < w.size(); ++i) wv[i] -= PerChannel(w_zp, i / per_channel);

  const std::vector<int64_t> in(x.shape().begin() + 2, x.shape().end());
  const std::vector<int64_t> kernel(w.shape().begin() + 2, w.shape().end());
  const WindowGeometry g = ConvWindow(ReadWindowAttrs(ctx, x.rank() - 2, kernel, true, false), in);
  const Shape out_shape = WindowOutputShape(n, m, g);
  std::vector<double> acc(ElementCount(out_shape));
  Convolve(xv.data(), wv.data(), g, n, c, m, group, acc.data(), ctx.threads());

  std::vector<double> bias(m, 0.0);
  if (ctx.HasInput(8)) {
    bias = ctx.Input(8).ToDoubleVector();
    ctx.Check(static_cast<int64_t>(bias.size()) == m, "B must have one value per output channel");
  }
  const int64_t plane = g.OutSize();
  for (int64_t i = 0; i < static_cast<int64_t>(acc.size()); ++i) {
    const int64_t ch = (i / plane) % m;
    const double real = (acc[i] + bias[ch]) * x_scale * PerChannel(w_scale, ch);
    acc[i] = QuantizeToType(out_dtype, real / y_scale, y_zp[0]);
  }
  ctx.SetOutput(0, QuantTensorFromDoubles(out_dtype, out_shape, std::move(acc)));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("QLinearConv")
                        .Versions({10})
                        .String("auto_pad", "NOTSET")
                        .Attr("dilations", AttrType::kInts)
                        .Int("group", 1)
                        .Attr("kernel_shape", AttrType::kInts)
                        .Attr("pads", AttrType::kInts)
                        .Attr("strides", AttrType::kInts)
                        .Run(RunQLinearConv));

}  // namespace parity::ref
