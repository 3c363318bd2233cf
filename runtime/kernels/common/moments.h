// Mean and 1/sqrt(variance + eps) of a float run, accumulated in double (two passes: the variance of values
// far from zero loses nothing to cancellation). Shared by the normalization kernels.
#pragma once

#include <cmath>
#include <cstdint>

namespace parity::rt {

struct Moments {
  float mean;
  float inv_std;
};

inline Moments MeanInvStd(const float* x, int64_t n, double eps) {
  double sum = 0.0;
  for (int64_t i = 0; i < n; ++i) sum += x[i];
  const double mean = n > 0 ? sum / static_cast<double>(n) : 0.0;
  double var = 0.0;
  for (int64_t i = 0; i < n; ++i) var += (x[i] - mean) * (x[i] - mean);
  var = n > 0 ? var / static_cast<double>(n) : 0.0;
  return {static_cast<float>(mean), static_cast<float>(1.0 / std::sqrt(var + eps))};
}

}  // namespace parity::rt
