// LayerNormalization: X is seen as [rows, cols] with cols = product of X's dims from `axis` on (default -1);
// per row, mean and population variance, then
//   y = (x - mean) * inv_std_dev * Scale + B,   inv_std_dev = 1 / sqrt(var + epsilon)   (epsilon 1e-5)
// Scale and B (optional) broadcast onto X (numpy rules, normally shaped like X's normalized dims).
// Optional outputs Mean and InvStdDev have X's shape with the normalized dims set to 1, and the type named by
// stash_type (default 1 = float), which in ONNX is also the computation precision; here everything is double.
//   LayerNormalization-17: the only version.
#include <cmath>

#include "core/elementwise.h"
#include "core/norm_rows.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

// Values of `t` broadcast onto `shape` (unidirectional).
std::vector<double> Spread(const OpContext& ctx, const Tensor& t, const Shape& shape, const char* what) {
  ctx.Check(BroadcastShapes(t.shape(), shape) == shape,
            std::string(what) + " of shape " + ShapeToString(t.shape()) + " does not broadcast to " +
                ShapeToString(shape));
  const std::vector<double> v = t.ToDoubleVector();
  std::vector<double> out(ElementCount(shape));
  ForEachBroadcast(shape, {t.shape()}, [&](int64_t i, const std::vector<int64_t>& o) { out[i] = v[o[0]]; });
  return out;
}

void RunLayerNormalization(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()), "X must be a floating tensor");
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), x.rank());
  Shape stat_shape = x.shape();
  int64_t rows = 1;
  for (int64_t i = 0; i < x.rank(); ++i) {
    if (i < axis) rows *= x.dim(i);
    else stat_shape[i] = 1;
  }
  const int64_t cols = rows == 0 ? 0 : x.size() / rows;
  const std::vector<double> scale = Spread(ctx, ctx.Input(1), x.shape(), "Scale");
  const std::vector<double> bias = ctx.HasInput(2) ? Spread(ctx, ctx.Input(2), x.shape(), "B")
                                                   : std::vector<double>(x.size(), 0.0);
  const double epsilon = ctx.GetFloat("epsilon");
  const RowMoments m = RowMomentsOf(x.reals().data(), rows, cols);
  std::vector<double> inv_std(rows);
  for (int64_t r = 0; r < rows; ++r) inv_std[r] = 1.0 / std::sqrt(m.variance[r] + epsilon);
  Tensor y(x.dtype(), x.shape());
  for (int64_t i = 0; i < x.size(); ++i) {
    const int64_t r = i / cols;
    y.reals()[i] = (x.reals()[i] - m.mean[r]) * inv_std[r] * scale[i] + bias[i];
  }
  ctx.SetOutput(0, std::move(y));
  const DataType stash = DataTypeFromOnnx(static_cast<int32_t>(ctx.GetInt("stash_type")));
  ctx.Check(IsFloating(stash), "stash_type must name a floating type");
  if (ctx.OutputRequested(1)) ctx.SetOutput(1, Tensor(stash, stat_shape, m.mean));
  if (ctx.OutputRequested(2)) ctx.SetOutput(2, Tensor(stash, stat_shape, inv_std));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("LayerNormalization")
                        .Versions({17})
                        .Int("axis", -1)
                        .Float("epsilon", 1e-5)
                        .Int("stash_type", 1)
                        .Run(RunLayerNormalization));

}  // namespace parity::ref
