// Softmax rows, AVX-512: vector max, vector exp (kernels/common/exp_avx512.h) with the sum in registers, one
// scaling pass. Lanes whose shifted input is below exp's range (incl. -inf) are exactly 0. Rows holding NaN, or
// only -inf, take the scalar kernel so their NaN results match the definition.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cmath>

#include "kernels/common/exp_avx512.h"
#include "kernels/softmax/softmax_ukernels.h"

namespace parity::rt {
namespace {

__mmask16 TailMask(int64_t left) {
  return left >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << left) - 1u);
}

// Max of the row; false when the row holds NaN.
bool RowMax(const float* x, int64_t len, float* out) {
  const __m512 neg_inf = _mm512_set1_ps(-INFINITY);
  __m512 vmax = neg_inf;
  __mmask16 nan = 0;
  for (int64_t i = 0; i < len; i += 16) {
    const __mmask16 m = TailMask(len - i);
    const __m512 v = _mm512_mask_loadu_ps(neg_inf, m, x + i);
    nan |= _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
    vmax = _mm512_max_ps(vmax, v);
  }
  *out = _mm512_reduce_max_ps(vmax);
  return nan == 0;
}

}  // namespace

void SoftmaxRowsAvx512(const float* x, float* y, int64_t rows, int64_t len, bool log) {
  const __m512 floor = _mm512_set1_ps(-87.33f);  // below: exp underflows to (denormal or) zero
  for (int64_t r = 0; r < rows; ++r, x += len, y += len) {
    float mx;
    if (!RowMax(x, len, &mx) || std::isinf(mx)) {
      SoftmaxRowsGeneric(x, y, 1, len, log);
      continue;
    }
    const __m512 vmx = _mm512_set1_ps(mx);
    __m512 vsum = _mm512_setzero_ps();
    for (int64_t i = 0; i < len; i += 16) {
      const __mmask16 m = TailMask(len - i);
      const __m512 d = _mm512_sub_ps(_mm512_maskz_loadu_ps(m, x + i), vmx);
      const __mmask16 live = m & _mm512_cmp_ps_mask(d, floor, _CMP_GE_OQ);
      const __m512 e = _mm512_maskz_mov_ps(live, Exp512(d));
      if (!log) _mm512_mask_storeu_ps(y + i, m, e);
      vsum = _mm512_add_ps(vsum, e);
    }
    const float sum = _mm512_reduce_add_ps(vsum);
    if (log) {
      // (x - max) - log(sum): x - max is exact near the max, where one combined shift would round at |x|'s scale.
      const __m512 ls = _mm512_set1_ps(std::log(sum));
      for (int64_t i = 0; i < len; i += 16) {
        const __mmask16 m = TailMask(len - i);
        const __m512 d = _mm512_sub_ps(_mm512_maskz_loadu_ps(m, x + i), vmx);
        _mm512_mask_storeu_ps(y + i, m, _mm512_sub_ps(d, ls));
      }
    } else {
      const __m512 inv = _mm512_set1_ps(1.f / sum);
      for (int64_t i = 0; i < len; i += 16) {
        const __mmask16 m = TailMask(len - i);
        _mm512_mask_storeu_ps(y + i, m, _mm512_mul_ps(_mm512_maskz_loadu_ps(m, y + i), inv));
      }
    }
  }
}

}  // namespace parity::rt
