// RMSNormalization: X is seen as [rows, cols] with cols = product of X's dims from `axis` on (default -1);
//   y = x / sqrt(mean of x^2 over the row + epsilon) * scale          (epsilon 1e-5)
// scale broadcasts onto X (numpy rules, normally shaped like the normalized dims). stash_type (default 1 =
// float) names ONNX's computation precision; here everything is double.
//   RMSNormalization-23: the only version.
#include <cmath>

#include "core/elementwise.h"
#include "core/norm_rows.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunRmsNormalization(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& scale = ctx.Input(1);
  ctx.Check(IsFloating(x.dtype()), "X must be a floating tensor");
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), x.rank());
  int64_t rows = 1;
  for (int64_t i = 0; i < axis; ++i) rows *= x.dim(i);
  const int64_t cols = rows == 0 ? 0 : x.size() / rows;
  ctx.Check(BroadcastShapes(scale.shape(), x.shape()) == x.shape(),
            "scale of shape " + ShapeToString(scale.shape()) + " does not broadcast to " + ShapeToString(x.shape()));
  const std::vector<double> ms = RowMeanSquares(x.reals().data(), rows, cols);
  const std::vector<double> sv = scale.ToDoubleVector();
  const double epsilon = ctx.GetFloat("epsilon");
  Tensor y(x.dtype(), x.shape());
  ForEachBroadcast(x.shape(), {scale.shape()}, [&](int64_t i, const std::vector<int64_t>& o) {
    y.reals()[i] = x.reals()[i] / std::sqrt(ms[i / cols] + epsilon) * sv[o[0]];
  });
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("RMSNormalization")
                        .Versions({23})
                        .Int("axis", -1)
                        .Float("epsilon", 1e-5)
                        .Int("stash_type", 1)
                        .Run(RunRmsNormalization));

}  // namespace parity::ref
