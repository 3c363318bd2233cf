// LayerNormalization rows, portable C++.
#include <cmath>

#include "kernels/norm/norm_ukernels.h"

namespace parity::rt {
namespace {

// sum(x) or, with `squares`, sum((x - center)^2), in 16 independent partial sums: one serial float chain would be
// latency-bound, and the compiler may not reorder float additions itself.
float LaneSum(const float* x, int64_t n, bool squares, float center = 0.f) {
  constexpr int kLanes = 16;
  float acc[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int l = 0; l < kLanes; ++l) {
      const float d = x[i + l] - center;
      acc[l] += squares ? d * d : x[i + l];
    }
  }
  float sum = 0.f;
  for (; i < n; ++i) {
    const float d = x[i] - center;
    sum += squares ? d * d : x[i];
  }
  for (float a : acc) sum += a;
  return sum;
}

}  // namespace

void LayerNormRowsGeneric(const float* x, const float* scale, const float* bias, float* y, int64_t rows, int64_t len,
                          float eps, float* mean, float* inv_std) {
  for (int64_t r = 0; r < rows; ++r, x += len, y += len) {
    const float m = LaneSum(x, len, false) / static_cast<float>(len);
    const float var = LaneSum(x, len, true, m);
    const float inv = 1.f / std::sqrt(var / static_cast<float>(len) + eps);
    for (int64_t i = 0; i < len; ++i) y[i] = (x[i] - m) * inv * scale[i] + (bias ? bias[i] : 0.f);
    if (mean) mean[r] = m;
    if (inv_std) inv_std[r] = inv;
  }
}

}  // namespace parity::rt
