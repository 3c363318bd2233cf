// MeanVarianceNormalization: over the dims in `axes` (default [0, 2, 3]),
//   y = (x - mean) / (sqrt(mean((x - mean)^2)) + 1e-9)
// (the epsilon 1e-9 added to the standard deviation comes from the op's defining function body).
//   MeanVarianceNormalization-9: float types.   MeanVarianceNormalization-13: adds bfloat16.
#include <cmath>

#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunMeanVarianceNormalization(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()), "X must be a floating tensor");
  Shape reduced = x.shape();
  for (int64_t a : NormalizeAxes(ctx.GetInts("axes"), x.rank())) reduced[a] = 1;
  const int64_t slots = ElementCount(reduced);
  const double per_slot = slots == 0 ? 0 : static_cast<double>(x.size()) / static_cast<double>(slots);
  // Map every element to its statistics slot once (broadcasting `reduced` onto x does exactly that).
  std::vector<int64_t> slot(x.size());
  ForEachBroadcast(x.shape(), {reduced}, [&](int64_t i, const std::vector<int64_t>& o) { slot[i] = o[0]; });
  const auto& xv = x.reals();
  std::vector<double> mean(slots, 0.0), var(slots, 0.0);
  for (int64_t i = 0; i < x.size(); ++i) mean[slot[i]] += xv[i];
  for (double& m : mean) m /= per_slot;
  for (int64_t i = 0; i < x.size(); ++i) var[slot[i]] += (xv[i] - mean[slot[i]]) * (xv[i] - mean[slot[i]]);
  for (double& v : var) v /= per_slot;
  Tensor y(x.dtype(), x.shape());
  for (int64_t i = 0; i < x.size(); ++i) y.reals()[i] = (xv[i] - mean[slot[i]]) / (std::sqrt(var[slot[i]]) + 1e-9);
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("MeanVarianceNormalization")
                        .Versions({9, 13})
                        .Ints("axes", {0, 2, 3})
                        .Run(RunMeanVarianceNormalization));

}  // namespace parity::ref
