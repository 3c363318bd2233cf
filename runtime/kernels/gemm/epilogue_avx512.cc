// AVX-512 epilogue with vectorized exp / erf for the transcendental activations.
// Accuracy: exp within ~2 ulp on the clamped range; erf (Abramowitz-Stegun 7.1.26) within 1.5e-7 absolute.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include "kernels/common/exp_avx512.h"
#include "kernels/gemm/activation_kind.h"
#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

__m512 Sigmoid(__m512 x) {
  const __m512 one = _mm512_set1_ps(1.0f);
  return _mm512_div_ps(one, _mm512_add_ps(one, Exp512(_mm512_sub_ps(_mm512_setzero_ps(), x))));
}

// Phi(x) = 0.5 * (1 + erf(x / sqrt 2)), computed from erfc on |x| so the negative side keeps relative accuracy.
__m512 NormalCdf(__m512 x) {
  const __m512 z = _mm512_abs_ps(_mm512_mul_ps(x, _mm512_set1_ps(0.70710678118654752f)));
  const __m512 t =
      _mm512_div_ps(_mm512_set1_ps(1.0f), _mm512_fmadd_ps(z, _mm512_set1_ps(0.3275911f), _mm512_set1_ps(1.0f)));
  __m512 poly = _mm512_set1_ps(1.061405429f);
  poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(-1.453152027f));
  poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(1.421413741f));
  poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(-0.284496736f));
  poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(0.254829592f));
  poly = _mm512_mul_ps(poly, t);
  const __m512 half_erfc = _mm512_mul_ps(
      _mm512_set1_ps(0.5f), _mm512_mul_ps(poly, Exp512(_mm512_sub_ps(_mm512_setzero_ps(), _mm512_mul_ps(z, z)))));
  const __mmask16 neg = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_LT_OQ);
  return _mm512_mask_blend_ps(neg, _mm512_sub_ps(_mm512_set1_ps(1.0f), half_erfc), half_erfc);
}

template <int kAct>
__m512 Activate(__m512 x, __m512 alpha, __m512 beta) {
  constexpr Activation act = static_cast<Activation>(kAct);
  const __m512 zero = _mm512_setzero_ps();
  const __m512 one = _mm512_set1_ps(1.0f);
  if constexpr (act == Activation::kRelu) return _mm512_max_ps(x, zero);
  if constexpr (act == Activation::kClip) return _mm512_min_ps(_mm512_max_ps(x, alpha), beta);
  if constexpr (act == Activation::kSigmoid) return Sigmoid(x);
  if constexpr (act == Activation::kHardSigmoid) {
    return _mm512_max_ps(zero, _mm512_min_ps(one, _mm512_fmadd_ps(alpha, x, beta)));
  }
  if constexpr (act == Activation::kHardSwish) {
    const __m512 g = _mm512_fmadd_ps(x, _mm512_set1_ps(1.0f / 6.0f), _mm512_set1_ps(0.5f));
    return _mm512_mul_ps(x, _mm512_max_ps(zero, _mm512_min_ps(one, g)));
  }
  if constexpr (act == Activation::kSilu) return _mm512_mul_ps(x, Sigmoid(x));
  if constexpr (act == Activation::kGeluErf) return _mm512_mul_ps(x, NormalCdf(x));
  if constexpr (act == Activation::kGeluTanh) {
    // 0.5 * (1 + tanh(u)) == sigmoid(2u).
    const __m512 x3 = _mm512_mul_ps(_mm512_mul_ps(x, x), x);
    const __m512 u =
        _mm512_mul_ps(_mm512_set1_ps(2.0f * 0.79788456080286536f), _mm512_fmadd_ps(x3, _mm512_set1_ps(0.044715f), x));
    return _mm512_mul_ps(x, Sigmoid(u));
  }
  return x;
}

template <int kAct>
void Rows(float* c, int64_t ldc, int64_t rows, int64_t cols, const EpilogueArgs& p) {
  const __m512 alpha = _mm512_set1_ps(p.act_alpha);
  const __m512 beta = _mm512_set1_ps(p.act_beta);
  for (int64_t i = 0; i < rows; ++i) {
    float* cr = c + i * ldc;
    const float* res = p.residual != nullptr ? p.residual + i * p.residual_ld : nullptr;
    const __m512 rb = _mm512_set1_ps(p.row_bias != nullptr ? p.row_bias[i] : 0.0f);
    for (int64_t j = 0; j < cols; j += 16) {
      const int64_t left = cols - j;
      const __mmask16 m = left >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << left) - 1u);
      __m512 v = _mm512_add_ps(_mm512_maskz_loadu_ps(m, cr + j), rb);
      if (p.col_bias != nullptr) v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(m, p.col_bias + j));
      if (res != nullptr && !p.residual_after_activation) v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(m, res + j));
      v = Activate<kAct>(v, alpha, beta);
      if (res != nullptr && p.residual_after_activation) v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(m, res + j));
      _mm512_mask_storeu_ps(cr + j, m, v);
    }
  }
}

}  // namespace

void EpilogueAvx512(float* c, int64_t ldc, int64_t rows, int64_t cols, const EpilogueArgs* args) {
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
