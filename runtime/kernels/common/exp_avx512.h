// Vector exp for AVX-512 kernels (include only from files compiled with AVX-512 flags). Inputs are clamped to
// [-87.34, 88.38]: the result stays finite and normal, within ~2 ulp of exp; callers that need exp(-inf) = 0 or
// NaN propagation handle those lanes themselves.
#ifndef PARITY_RUNTIME_KERNELS_COMMON_EXP_AVX512_H_
#define PARITY_RUNTIME_KERNELS_COMMON_EXP_AVX512_H_

#include <immintrin.h>

namespace parity::rt {

inline __m512 Exp512(__m512 x) {
  x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(88.3762626647950f)), _mm512_set1_ps(-87.3365478515625f));
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
  __m512 p = _mm512_set1_ps(1.0f / 720.0f);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  return _mm512_scalef_ps(p, n);
}

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_COMMON_EXP_AVX512_H_
