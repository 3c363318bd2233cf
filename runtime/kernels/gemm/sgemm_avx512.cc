// AVX-512 SGEMM micro-kernel: 14 rows x 32 columns (28 zmm accumulators, 2 for B, broadcasts from memory).
// Two FMA ports with 4-cycle latency need >= 8 independent accumulators; 28 keeps the FMA units busy while
// loads (2 B vectors + 14 embedded broadcasts per k) stay under the two-loads-per-cycle limit.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include "kernels/gemm/activation_kind.h"
#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

constexpr int kMr = kAvx512Mr;
constexpr int kNr = kAvx512Nr;
constexpr int kPrefetchA = 24;  // k steps ahead (~1.3 KB): covers memory latency at this kernel's speed

// Bias, residual and Relu / Clip on one output vector (row i, columns 16 * v ..) before it is stored.
// Forced inline: as a call it costs more than the arithmetic it does.
__attribute__((always_inline)) inline __m512 ApplyEpilogue(__m512 r, const EpilogueArgs& e, int i, int v,
                                                           __mmask16 mask) {
  if (e.row_bias != nullptr) r = _mm512_add_ps(r, _mm512_set1_ps(e.row_bias[i]));
  if (e.col_bias != nullptr) r = _mm512_add_ps(r, _mm512_maskz_loadu_ps(mask, e.col_bias + 16 * v));
  const float* res = e.residual != nullptr ? e.residual + i * e.residual_ld + 16 * v : nullptr;
  if (res != nullptr && !e.residual_after_activation) r = _mm512_add_ps(r, _mm512_maskz_loadu_ps(mask, res));
  const Activation act = static_cast<Activation>(e.activation);
  if (act == Activation::kRelu) r = _mm512_max_ps(r, _mm512_setzero_ps());
  if (act == Activation::kClip) {
    r = _mm512_min_ps(_mm512_max_ps(r, _mm512_set1_ps(e.act_alpha)), _mm512_set1_ps(e.act_beta));
  }
  if (res != nullptr && e.residual_after_activation) r = _mm512_add_ps(r, _mm512_maskz_loadu_ps(mask, res));
  return r;
}

// `e`: an epilogue with no activation, Relu or Clip, applied in registers before the store; null for none.
template <int M, int NV>
void Tile(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, __mmask16 last_mask, float alpha,
          float beta, const EpilogueArgs* e) {
  __m512 acc[M][NV];
#pragma GCC unroll 14
  for (int i = 0; i < M; ++i) {
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) acc[i][v] = _mm512_setzero_ps();
  }
#pragma GCC unroll 2
  for (int64_t k = 0; k < kc; ++k) {
    __m512 bv[NV];
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) bv[v] = _mm512_loadu_ps(b + 16 * v);
    _mm_prefetch(reinterpret_cast<const char*>(b + 8 * kNr), _MM_HINT_T0);
    // A panels of weight-streaming GEMMs (few output columns: 7x7 / 14x14 convolutions, GEMV-like MatMul) come
    // from memory, not L2: fetch them well ahead of use.
    _mm_prefetch(reinterpret_cast<const char*>(a + kPrefetchA * kMr), _MM_HINT_T0);
#pragma GCC unroll 14
    for (int i = 0; i < M; ++i) {
      const __m512 av = _mm512_set1_ps(a[i]);
#pragma GCC unroll 2
      for (int v = 0; v < NV; ++v) acc[i][v] = _mm512_fmadd_ps(av, bv[v], acc[i][v]);
    }
    a += kMr;
    b += kNr;
  }
  const __m512 valpha = _mm512_set1_ps(alpha);
  const __m512 vbeta = _mm512_set1_ps(beta);
#pragma GCC unroll 14
  for (int i = 0; i < M; ++i) {
    float* cr = c + i * ldc;
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) {
      const __mmask16 mask = v == NV - 1 ? last_mask : static_cast<__mmask16>(0xFFFF);
      __m512 r = _mm512_mul_ps(acc[i][v], valpha);
      if (beta == 1.0f) {
        r = _mm512_add_ps(r, _mm512_maskz_loadu_ps(mask, cr + 16 * v));
      } else if (beta != 0.0f) {
        r = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, cr + 16 * v), vbeta, r);
      }
      if (e != nullptr) r = ApplyEpilogue(r, *e, i, v, mask);
      _mm512_mask_storeu_ps(cr + 16 * v, mask, r);
    }
  }
}

using TileFn = void (*)(int64_t, const float*, const float*, float*, int64_t, __mmask16, float, float,
                        const EpilogueArgs*);

template <int NV>
TileFn PickRows(int64_t mr) {
  switch (mr) {
    case 1:
      return Tile<1, NV>;
    case 2:
      return Tile<2, NV>;
    case 3:
      return Tile<3, NV>;
    case 4:
      return Tile<4, NV>;
    case 5:
      return Tile<5, NV>;
    case 6:
      return Tile<6, NV>;
    case 7:
      return Tile<7, NV>;
    case 8:
      return Tile<8, NV>;
    case 9:
      return Tile<9, NV>;
    case 10:
      return Tile<10, NV>;
    case 11:
      return Tile<11, NV>;
    case 12:
      return Tile<12, NV>;
    case 13:
      return Tile<13, NV>;
    default:
      return Tile<14, NV>;
  }
}

}  // namespace

void SgemmUkernelAvx512(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int64_t mr, int64_t nr,
                        float alpha, float beta) {
  SgemmUkernelEpilogueAvx512(kc, a, b, c, ldc, mr, nr, alpha, beta, nullptr);
}

void SgemmUkernelEpilogueAvx512(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int64_t mr,
                                int64_t nr, float alpha, float beta, const EpilogueArgs* epilogue) {
  const int nv = nr > 16 ? 2 : 1;
  const int64_t tail = nr - 16 * (nv - 1);
  const __mmask16 mask = static_cast<__mmask16>((1u << tail) - 1u);
  TileFn fn = nv == 2 ? PickRows<2>(mr) : PickRows<1>(mr);
  // Transcendental activations keep their own pass over the (L1-resident) tile.
  const Activation act = epilogue != nullptr ? static_cast<Activation>(epilogue->activation) : Activation::kNone;
  const bool in_registers = act == Activation::kNone || act == Activation::kRelu || act == Activation::kClip;
  fn(kc, a, b, c, ldc, mask, alpha, beta, in_registers ? epilogue : nullptr);
  if (!in_registers) EpilogueAvx512(c, ldc, mr, nr, epilogue);
}

}  // namespace parity::rt
