// GlobalMaxPool: y[n, c, 1, .., 1] = max of x[n, c, ...] over all spatial dims (NaN cells lose to numbers).
//   GlobalMaxPool-1: float types.   GlobalMaxPool-22: adds bfloat16.
#include <cmath>
#include <limits>

#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunGlobalMaxPool(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()) && x.rank() >= 2, "X must be a floating [N, C, ...] tensor");
  Shape out_shape(x.rank(), 1);
  out_shape[0] = x.dim(0);
  out_shape[1] = x.dim(1);
  Tensor y(x.dtype(), out_shape);
  const int64_t planes = x.dim(0) * x.dim(1);
  const int64_t plane = planes == 0 ? 0 : x.size() / planes;
  for (int64_t p = 0; p < planes; ++p) {
    double best = plane == 0 ? -std::numeric_limits<double>::infinity() : x.reals()[p * plane];
    for (int64_t i = 1; i < plane; ++i) {
      const double v = x.reals()[p * plane + i];
      if (v > best || (std::isnan(best) && !std::isnan(v))) best = v;
    }
    y.reals()[p] = best;
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("GlobalMaxPool").Versions({1, 22}).Run(RunGlobalMaxPool));

}  // namespace parity::ref
