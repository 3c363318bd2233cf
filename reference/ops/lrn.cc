// LRN (local response normalization across channels), X is [N, C, D1, ...]:
//   square_sum[n, c, d] = sum of x[n, i, d]^2 for i in [c - floor((size-1)/2), c + ceil((size-1)/2)] within [0, C)
//   y = x / (bias + alpha / size * square_sum)^beta
// Attributes: size (required, odd in practice), alpha (1e-4), beta (0.75), bias (1.0).
//   LRN-1: float types.   LRN-13: adds bfloat16.
#include <algorithm>
#include <cmath>

#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunLrn(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()) && x.rank() >= 2, "X must be a floating [N, C, ...] tensor");
  const int64_t size = ctx.GetInt("size");
  ctx.Check(size >= 1, "size must be >= 1");
  const double alpha = ctx.GetFloat("alpha"), beta = ctx.GetFloat("beta"), bias = ctx.GetFloat("bias");
  const int64_t n = x.dim(0), c = x.dim(1);
  const int64_t plane = n * c == 0 ? 0 : x.size() / (n * c);
  const int64_t before = (size - 1) / 2, after = size - 1 - before;
  Tensor y(x.dtype(), x.shape());
  const auto& xv = x.reals();
  auto& yv = y.reals();
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t ch = 0; ch < c; ++ch) {
      const int64_t lo = std::max<int64_t>(0, ch - before), hi = std::min<int64_t>(c - 1, ch + after);
      for (int64_t i = 0; i < plane; ++i) {
        double sum = 0;
        for (int64_t k = lo; k <= hi; ++k) {
          const double v = xv[(b * c + k) * plane + i];
          sum += v * v;
        }
        const int64_t at = (b * c + ch) * plane + i;
        yv[at] = xv[at] / std::pow(bias + alpha / static_cast<double>(size) * sum, beta);
      }
    }
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("LRN")
                        .Versions({1, 13})
                        .Float("alpha", 1e-4)
                        .Float("beta", 0.75)
                        .Float("bias", 1.0)
                        .Attr("size", AttrType::kInt, true)
                        .Run(RunLrn));

}  // namespace parity::ref
