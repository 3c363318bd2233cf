// GlobalLpPool: y[n, c, 1, .., 1] = (sum of |x[n, c, ...]|^p over all spatial dims)^(1/p); p (int, default 2).
//   GlobalLpPool-2: the version in force at opset 7.   GlobalLpPool-22: adds bfloat16.
#include <cmath>

#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunGlobalLpPool(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()) && x.rank() >= 2, "X must be a floating [N, C, ...] tensor");
  const double p = static_cast<double>(ctx.GetInt("p"));
  ctx.Check(p > 0, "p must be positive");
  Shape out_shape(x.rank(), 1);
  out_shape[0] = x.dim(0);
  out_shape[1] = x.dim(1);
  Tensor y(x.dtype(), out_shape);
  const int64_t planes = x.dim(0) * x.dim(1);
  const int64_t plane = planes == 0 ? 0 : x.size() / planes;
  for (int64_t q = 0; q < planes; ++q) {
    double sum = 0;
    for (int64_t i = 0; i < plane; ++i) sum += std::pow(std::fabs(x.reals()[q * plane + i]), p);
    y.reals()[q] = std::pow(sum, 1.0 / p);
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("GlobalLpPool").Versions({2, 22}).Int("p", 2).Run(RunGlobalLpPool));

}  // namespace parity::ref
