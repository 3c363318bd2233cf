// GroupNormalization over x [N, C, D1, ...]: the C channels form num_groups groups of C / num_groups
// consecutive channels; per (n, group), mean and population variance over the group's channels and D1..Dn, then
//   y = scale * (x - mean) / sqrt(var + epsilon) + bias                     (epsilon 1e-5)
//   GroupNormalization-18: scale and bias have one value per group [num_groups].
//   GroupNormalization-21: scale and bias have one value per channel [C]; adds stash_type (the computation
//                          precision, default float; here always double).
#include <cmath>

#include "core/norm_rows.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunGroupNormalization(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()) && x.rank() >= 2, "X must be a floating [N, C, ...] tensor");
  const int64_t groups = ctx.GetInt("num_groups");
  const int64_t n = x.dim(0), c = x.dim(1);
  ctx.Check(groups >= 1 && c % groups == 0,
            "num_groups " + std::to_string(groups) + " does not divide the " + std::to_string(c) + " channels");
  const int64_t per_channel = n * c == 0 ? 0 : x.size() / (n * c);
  const int64_t per_group = c / groups * per_channel;
  const std::vector<double> scale = ctx.Input(1).ToDoubleVector(), bias = ctx.Input(2).ToDoubleVector();
  const int64_t params = ctx.version() >= 21 ? c : groups;
  ctx.Check(static_cast<int64_t>(scale.size()) == params && static_cast<int64_t>(bias.size()) == params,
            "scale and bias must have " + std::to_string(params) + " values in GroupNormalization-" +
                std::to_string(ctx.version()));
  const double epsilon = ctx.GetFloat("epsilon");
  const RowMoments m = RowMomentsOf(x.reals().data(), n * groups, per_group);
  Tensor y(x.dtype(), x.shape());
  for (int64_t i = 0; i < x.size(); ++i) {
    const int64_t row = i / per_group;                         // (n, group)
    const int64_t channel = (i / per_channel) % c;
    const int64_t p = ctx.version() >= 21 ? channel : row % groups;
    y.reals()[i] = scale[p] * (x.reals()[i] - m.mean[row]) / std::sqrt(m.variance[row] + epsilon) + bias[p];
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("GroupNormalization")
                        .Versions({18, 21})
                        .Float("epsilon", 1e-5)
                        .Attr("num_groups", AttrType::kInt, true)
                        .Int("stash_type", 1).Only(21)
                        .Run(RunGroupNormalization));

}  // namespace parity::ref
