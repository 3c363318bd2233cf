// InstanceNormalization over x [N, C, D1, ...]: statistics per (n, c) over D1..Dn (population variance),
//   y = scale[c] * (x - mean[n, c]) / sqrt(var[n, c] + epsilon) + B[c]. epsilon defaults to 1e-5.
//   InstanceNormalization-6: the version in force at opset 7.   InstanceNormalization-22: adds bfloat16.
#include <cmath>

#include "core/norm_rows.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunInstanceNormalization(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()) && x.rank() >= 2, "input must be a floating [N, C, ...] tensor");
  const int64_t n = x.dim(0), c = x.dim(1);
  const int64_t plane = n * c == 0 ? 0 : x.size() / (n * c);
  const std::vector<double> scale = ctx.Input(1).ToDoubleVector(), bias = ctx.Input(2).ToDoubleVector();
  ctx.Check(static_cast<int64_t>(scale.size()) == c && static_cast<int64_t>(bias.size()) == c,
            "scale and B must have one value per channel");
  const double epsilon = ctx.GetFloat("epsilon");
  const RowMoments m = RowMomentsOf(x.reals().data(), n * c, plane);
  Tensor y(x.dtype(), x.shape());
  for (int64_t r = 0; r < n * c; ++r) {
    const double k = scale[r % c] / std::sqrt(m.variance[r] + epsilon);
    for (int64_t i = 0; i < plane; ++i) {
      y.reals()[r * plane + i] = (x.reals()[r * plane + i] - m.mean[r]) * k + bias[r % c];
    }
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(
    OpDef("InstanceNormalization").Versions({6, 22}).Float("epsilon", 1e-5).Run(RunInstanceNormalization));

}  // namespace parity::ref
