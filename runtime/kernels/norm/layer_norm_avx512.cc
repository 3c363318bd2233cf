// LayerNormalization rows, AVX-512: the sum and the centered sum of squares in two vector accumulators each (the
// add latency, not the loads, bounds a single chain), then one fused normalize/scale/shift pass.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cmath>

#include "kernels/norm/norm_ukernels.h"

namespace parity::rt {
namespace {

__mmask16 TailMask(int64_t left) {
  return left >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << left) - 1u);
}

float RowSum(const float* x, int64_t len) {
  __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
  int64_t i = 0;
  for (; i + 32 <= len; i += 32) {
    s0 = _mm512_add_ps(s0, _mm512_loadu_ps(x + i));
    s1 = _mm512_add_ps(s1, _mm512_loadu_ps(x + i + 16));
  }
  for (; i < len; i += 16) s0 = _mm512_add_ps(s0, _mm512_maskz_loadu_ps(TailMask(len - i), x + i));
  return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

// sum((x - mean)^2); masked-off tail lanes contribute 0.
float RowSquares(const float* x, int64_t len, __m512 mean) {
  __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
  int64_t i = 0;
  for (; i + 32 <= len; i += 32) {
    const __m512 d0 = _mm512_sub_ps(_mm512_loadu_ps(x + i), mean);
    const __m512 d1 = _mm512_sub_ps(_mm512_loadu_ps(x + i + 16), mean);
    s0 = _mm512_fmadd_ps(d0, d0, s0);
    s1 = _mm512_fmadd_ps(d1, d1, s1);
  }
  for (; i < len; i += 16) {
    const __mmask16 m = TailMask(len - i);
    const __m512 d = _mm512_maskz_sub_ps(m, _mm512_maskz_loadu_ps(m, x + i), mean);
    s0 = _mm512_fmadd_ps(d, d, s0);
  }
  return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

}  // namespace

void LayerNormRowsAvx512(const float* x, const float* scale, const float* bias, float* y, int64_t rows, int64_t len,
                         float eps, float* mean, float* inv_std) {
  for (int64_t r = 0; r < rows; ++r, x += len, y += len) {
    const float m = RowSum(x, len) / static_cast<float>(len);
    const __m512 vm = _mm512_set1_ps(m);
    const float inv = 1.f / std::sqrt(RowSquares(x, len, vm) / static_cast<float>(len) + eps);
    const __m512 vi = _mm512_set1_ps(inv);
    for (int64_t i = 0; i < len; i += 16) {
      const __mmask16 k = TailMask(len - i);
      const __m512 d = _mm512_mul_ps(_mm512_sub_ps(_mm512_maskz_loadu_ps(k, x + i), vm), vi);
      __m512 o = _mm512_mul_ps(d, _mm512_maskz_loadu_ps(k, scale + i));
      if (bias != nullptr) o = _mm512_add_ps(o, _mm512_maskz_loadu_ps(k, bias + i));
      _mm512_mask_storeu_ps(y + i, k, o);
    }
    if (mean != nullptr) mean[r] = m;
    if (inv_std != nullptr) inv_std[r] = inv;
  }
}

}  // namespace parity::rt
