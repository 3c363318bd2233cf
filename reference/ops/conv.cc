// Conv: y[n, m, o...] = B[m] + sum over c in m's group and kernel offsets k of
//   W[m, c, k...] * X[n, c, o*strides - pads_begin + k*dilations]   (cells outside X read as 0).
// X is [N, C, D1..Dn], W is [M, C/group, k1..kn], B (optional) is [M]; n = 1, 2, 3 (any n works).
// Attributes: kernel_shape (inferred from W when absent), strides/dilations (default 1), pads [b1..bn, e1..en]
// (default 0), group (default 1), auto_pad: NOTSET uses pads; VALID uses no padding; SAME_UPPER/SAME_LOWER pad
// so that out = ceil(in / stride), an odd padding unit going to the end (UPPER) or the beginning (LOWER).
//   Conv-1: float types.  Conv-11: same semantics (schema text clarified).  Conv-22: adds bfloat16.
#include "core/nn_window.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunConv(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& w = ctx.Input(1);
  ctx.Check(IsFloating(x.dtype()), "X must be a floating tensor, got " + DataTypeName(x.dtype()));
  ctx.Check(x.rank() >= 2 && w.rank() == x.rank(),
            "X " + ShapeToString(x.shape()) + " and W " + ShapeToString(w.shape()) + " must have the same rank >= 2");
  const int64_t group = ctx.GetInt("group");
  const int64_t n = x.dim(0), c = x.dim(1), m = w.dim(0);
  ctx.Check(group >= 1 && c % group == 0 && m % group == 0 && w.dim(1) * group == c,
            "channels do not match: X has " + std::to_string(c) + ", W is " + ShapeToString(w.shape()) +
                ", group " + std::to_string(group));
  const std::vector<int64_t> in(x.shape().begin() + 2, x.shape().end());
  const std::vector<int64_t> kernel(w.shape().begin() + 2, w.shape().end());
  const WindowGeometry g = ConvWindow(ReadWindowAttrs(ctx, x.rank() - 2, kernel, true, false), in);

  Tensor y(x.dtype(), WindowOutputShape(n, m, g));
  Convolve(x.reals().data(), w.reals().data(), g, n, c, m, group, y.reals().data(), ctx.threads());
  if (ctx.HasInput(2)) {
    const Tensor& b = ctx.Input(2);
    ctx.Check(b.size() == m, "B must have " + std::to_string(m) + " values, has shape " + ShapeToString(b.shape()));
    const int64_t plane = g.OutSize();
    auto& yv = y.reals();
    for (int64_t i = 0; i < n * m; ++i) {
      const double bias = b.reals()[i % m];
      for (int64_t k = 0; k < plane; ++k) yv[i * plane + k] += bias;
    }
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Conv")
                        .Versions({1, 11, 22})
                        .String("auto_pad", "NOTSET")
                        .Attr("dilations", AttrType::kInts)
                        .Int("group", 1)
                        .Attr("kernel_shape", AttrType::kInts)
                        .Attr("pads", AttrType::kInts)
                        .Attr("strides", AttrType::kInts)
                        .Run(RunConv));

}  // namespace parity::ref
