// Helpers shared by the normalization kernels (LayerNormalization, RMSNormalization, GroupNormalization,
// InstanceNormalization).
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/common/op_util.h"

namespace parity::rt {

// Mean and 1/sqrt(variance + eps) of a float run, accumulated in double (two passes: the variance of values
// far from zero loses nothing to cancellation).
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

// True when p, broadcast onto x, varies only along the normalized axes [axis, rank) and covers them fully, so
// it can be indexed by the position inside a normalized row.
inline bool CoversNormalizedDims(const Dims& p, const Dims& x, int64_t axis) {
  if (p.size() > x.size()) return false;
  size_t off = x.size() - p.size();
  for (size_t i = 0; i < x.size(); ++i) {
    int64_t pd = i < off ? 1 : p[i - off];
    int64_t want = static_cast<int64_t>(i) < axis ? 1 : x[i];
    if (pd != want) return false;
  }
  return true;
}

}  // namespace parity::rt
