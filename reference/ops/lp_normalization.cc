// LpNormalization: y = x / ||x||_p along `axis` (default -1), p = 1 (sum of |x|) or 2 (Euclidean, default).
// A zero-norm slice divides 0 by 0 (NaN), as the formula says.
//   LpNormalization-1: float types.   LpNormalization-22: adds bfloat16.
#include <cmath>

#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunLpNormalization(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()), "input must be a floating tensor");
  const int64_t p = ctx.GetInt("p");
  ctx.Check(p == 1 || p == 2, "p must be 1 or 2, got " + std::to_string(p));
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), x.rank());
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= x.dim(i);
  for (int64_t i = axis + 1; i < x.rank(); ++i) inner *= x.dim(i);
  const int64_t len = x.dim(axis);
  Tensor y(x.dtype(), x.shape());
  const auto& xv = x.reals();
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t r = 0; r < inner; ++r) {
      double norm = 0;
      for (int64_t k = 0; k < len; ++k) {
        const double v = xv[(o * len + k) * inner + r];
        norm += p == 1 ? std::fabs(v) : v * v;
      }
      if (p == 2) norm = std::sqrt(norm);
      for (int64_t k = 0; k < len; ++k) {
        const int64_t at = (o * len + k) * inner + r;
        y.reals()[at] = xv[at] / norm;
      }
    }
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("LpNormalization").Versions({1, 22}).Int("axis", -1).Int("p", 2).Run(RunLpNormalization));

}  // namespace parity::ref
