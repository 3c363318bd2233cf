// AVX2 epilogue with vectorized exp / erf (same approximations as the AVX-512 variant).
#include <immintrin.h>

#include "kernels/gemm/activation_kind.h"
#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

__m256 Exp(__m256 x) {
  // The clamp keeps n within [-126, 127] so 2^n can be built directly in the exponent field.
  x = _mm256_max_ps(_mm256_min_ps(x, _mm256_set1_ps(88.3762626647950f)), _mm256_set1_ps(-87.3365478515625f));
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                   _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
  __m256 p = _mm256_set1_ps(1.0f / 720.0f);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 120.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 24.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 6.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  // n may reach 128 at the upper clamp: split 2^n as 2^(n-1) * 2 to stay in range.
  const __m256i e = _mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(126));
  const __m256 scale = _mm256_castsi256_ps(_mm256_slli_epi32(e, 23));
  return _mm256_mul_ps(_mm256_mul_ps(p, scale), _mm256_set1_ps(2.0f));
}

__m256 Sigmoid(__m256 x) {
  const __m256 one = _mm256_set1_ps(1.0f);
  return _mm256_div_ps(one, _mm256_add_ps(one, Exp(_mm256_sub_ps(_mm256_setzero_ps(), x))));
}

__m256 NormalCdf(__m256 x) {
  const __m256 abs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
  const __m256 z = _mm256_and_ps(_mm256_mul_ps(x, _mm256_set1_ps(0.70710678118654752f)), abs_mask);
  const __m256 t =
      _mm256_div_ps(_mm256_set1_ps(1.0f), _mm256_fmadd_ps(z, _mm256_set1_ps(0.3275911f), _mm256_set1_ps(1.0f)));
  __m256 poly = _mm256_set1_ps(1.061405429f);
  poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-1.453152027f));
  poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(1.421413741f));
  poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-0.284496736f));
  poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(0.254829592f));
  poly = _mm256_mul_ps(poly, t);
  const __m256 half_erfc = _mm256_mul_ps(
      _mm256_set1_ps(0.5f), _mm256_mul_ps(poly, Exp(_mm256_sub_ps(_mm256_setzero_ps(), _mm256_mul_ps(z, z)))));
  const __m256 neg = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OQ);
  return _mm256_blendv_ps(_mm256_sub_ps(_mm256_set1_ps(1.0f), half_erfc), half_erfc, neg);
}

template <int kAct>
__m256 Activate(__m256 x, __m256 alpha, __m256 beta) {
  constexpr Activation act = static_cast<Activation>(kAct);
  const __m256 zero = _mm256_setzero_ps();
  const __m256 one = _mm256_set1_ps(1.0f);
  if constexpr (act == Activation::kRelu) return _mm256_max_ps(x, zero);
  if constexpr (act == Activation::kClip) return _mm256_min_ps(_mm256_max_ps(x, alpha), beta);
  if constexpr (act == Activation::kSigmoid) return Sigmoid(x);
  if constexpr (act == Activation::kHardSigmoid) {
    return _mm256_max_ps(zero, _mm256_min_ps(one, _mm256_fmadd_ps(alpha, x, beta)));
  }
  if constexpr (act == Activation::kHardSwish) {
    const __m256 g = _mm256_fmadd_ps(x, _mm256_set1_ps(1.0f / 6.0f), _mm256_set1_ps(0.5f));
    return _mm256_mul_ps(x, _mm256_max_ps(zero, _mm256_min_ps(one, g)));
  }
  if constexpr (act == Activation::kSilu) return _mm256_mul_ps(x, Sigmoid(x));
  if constexpr (act == Activation::kGeluErf) return _mm256_mul_ps(x, NormalCdf(x));
  if constexpr (act == Activation::kGeluTanh) {
    const __m256 x3 = _mm256_mul_ps(_mm256_mul_ps(x, x), x);
    const __m256 u =
        _mm256_mul_ps(_mm256_set1_ps(2.0f * 0.79788456080286536f), _mm256_fmadd_ps(x3, _mm256_set1_ps(0.044715f), x));
    return _mm256_mul_ps(x, Sigmoid(u));
  }
  return x;
}

template <int kAct>
void Rows(float* c, int64_t ldc, int64_t rows, int64_t cols, const EpilogueArgs& p) {
  const __m256 alpha = _mm256_set1_ps(p.act_alpha);
  const __m256 beta = _mm256_set1_ps(p.act_beta);
  const __m256i idx = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  for (int64_t i = 0; i < rows; ++i) {
    float* cr = c + i * ldc;
    const float* res = p.residual != nullptr ? p.residual + i * p.residual_ld : nullptr;
    const __m256 rb = _mm256_set1_ps(p.row_bias != nullptr ? p.row_bias[i] : 0.0f);
    for (int64_t j = 0; j < cols; j += 8) {
      const int left = static_cast<int>(cols - j < 8 ? cols - j : 8);
      const __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32(left), idx);
      __m256 v = _mm256_add_ps(_mm256_maskload_ps(cr + j, m), rb);
      if (p.col_bias != nullptr) v = _mm256_add_ps(v, _mm256_maskload_ps(p.col_bias + j, m));
      if (res != nullptr && !p.residual_after_activation) v = _mm256_add_ps(v, _mm256_maskload_ps(res + j, m));
      v = Activate<kAct>(v, alpha, beta);
      if (res != nullptr && p.residual_after_activation) v = _mm256_add_ps(v, _mm256_maskload_ps(res + j, m));
      _mm256_maskstore_ps(cr + j, m, v);
    }
  }
}

}  // namespace

void EpilogueAvx2(float* c, int64_t ldc, int64_t rows, int64_t cols, const EpilogueArgs* args) {
  switch (static_cast<Activation>(args->activation)) {
    case Activation::kNone:
      return Rows<0>(c, ldc, rows, cols, *args);
    case Activation::kRelu:
      return Rows<1>(c, ldc, rows, cols, *args);
    case Activation::kClip:
      return Rows<2>(c, ldc, rows, cols, *args);
    case Activation::kSigmoid:
      return Rows<3>(c, ldc, rows, cols, *args);
    case Activation::kHardSigmoid:
      return Rows<4>(c, ldc, rows, cols, *args);
    case Activation::kHardSwish:
      return Rows<5>(c, ldc, rows, cols, *args);
    case Activation::kSilu:
      return Rows<6>(c, ldc, rows, cols, *args);
    case Activation::kGeluErf:
      return Rows<7>(c, ldc, rows, cols, *args);
    case Activation::kGeluTanh:
      return Rows<8>(c, ldc, rows, cols, *args);
  }
}

}  // namespace parity::rt
