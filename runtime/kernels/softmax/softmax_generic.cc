// Softmax rows, portable scalar variant (also the AVX-512 kernel's fallback for rows holding NaN or only -inf).
#include <algorithm>
#include <cmath>

#include "kernels/softmax/softmax_ukernels.h"

namespace parity::rt {

void SoftmaxRowsGeneric(const float* x, float* y, int64_t rows, int64_t len, bool log) {
  for (int64_t r = 0; r < rows; ++r, x += len, y += len) {
    float mx = -INFINITY;
    bool nan = false;
    for (int64_t i = 0; i < len; ++i) {
      mx = std::max(mx, x[i]);
      nan = nan || std::isnan(x[i]);
    }
    if (nan) mx = NAN;
    float sum = 0.f;
    for (int64_t i = 0; i < len; ++i) {
      const float e = std::exp(x[i] - mx);
      if (!log) y[i] = e;  // LogSoftmax still reads x below (x may be y)
      sum += e;
    }
    if (log) {
      const float ls = std::log(sum);
      for (int64_t i = 0; i < len; ++i) y[i] = x[i] - mx - ls;
    } else {
      const float inv = 1.f / sum;
      for (int64_t i = 0; i < len; ++i) y[i] *= inv;
    }
  }
}

}  // namespace parity::rt
