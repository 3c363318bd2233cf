// GlobalAveragePool: y[n, c, 1, .., 1] = mean of x[n, c, ...] over all spatial dims.
//   GlobalAveragePool-1: float types.   GlobalAveragePool-22: adds bfloat16.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunGlobalAveragePool(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()) && x.rank() >= 2, "X must be a floating [N, C, ...] tensor");
  Shape out_shape(x.rank(), 1);
  out_shape[0] = x.dim(0);
  out_shape[1] = x.dim(1);
  Tensor y(x.dtype(), out_shape);
  const int64_t planes = x.dim(0) * x.dim(1);
  const int64_t plane = planes == 0 ? 0 : x.size() / planes;
  for (int64_t p = 0; p < planes; ++p) {
    double sum = 0;
    for (int64_t i = 0; i < plane; ++i) sum += x.reals()[p * plane + i];
    y.reals()[p] = sum / static_cast<double>(plane);
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("GlobalAveragePool").Versions({1, 22}).Run(RunGlobalAveragePool));

}  // namespace parity::ref
