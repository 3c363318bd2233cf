// AVX2 SGEMM micro-kernel: 6 rows x 16 columns (12 ymm accumulators, 2 for B, 1 broadcast).
#include <immintrin.h>

#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

constexpr int kMr = kAvx2Mr;
constexpr int kNr = kAvx2Nr;

// Lane mask with the first n (0..8) lanes set, for maskload/maskstore.
__m256i FirstLanes(int64_t n) {
  const __m256i idx = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)), idx);
}

template <int M, int NV>
void Tile(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, __m256i last_mask, float alpha,
          float beta) {
  __m256 acc[M][NV];
#pragma GCC unroll 6
  for (int i = 0; i < M; ++i) {
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) acc[i][v] = _mm256_setzero_ps();
  }
#pragma GCC unroll 4
  for (int64_t k = 0; k < kc; ++k) {
    __m256 bv[NV];
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) bv[v] = _mm256_loadu_ps(b + 8 * v);
    // Weight-streaming GEMMs (few output columns) read A from memory: fetch it ahead (see sgemm_avx512.cc).
    _mm_prefetch(reinterpret_cast<const char*>(a + 32 * kMr), _MM_HINT_T0);
#pragma GCC unroll 6
    for (int i = 0; i < M; ++i) {
      const __m256 av = _mm256_broadcast_ss(a + i);
#pragma GCC unroll 2
      for (int v = 0; v < NV; ++v) acc[i][v] = _mm256_fmadd_ps(av, bv[v], acc[i][v]);
    }
    a += kMr;
    b += kNr;
  }
  const __m256 valpha = _mm256_set1_ps(alpha);
  const __m256 vbeta = _mm256_set1_ps(beta);
  const __m256i all = _mm256_set1_epi32(-1);
#pragma GCC unroll 6
  for (int i = 0; i < M; ++i) {
    float* cr = c + i * ldc;
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) {
      const __m256i mask = v == NV - 1 ? last_mask : all;
      __m256 r = _mm256_mul_ps(acc[i][v], valpha);
      if (beta == 1.0f) {
        r = _mm256_add_ps(r, _mm256_maskload_ps(cr + 8 * v, mask));
      } else if (beta != 0.0f) {
        r = _mm256_fmadd_ps(_mm256_maskload_ps(cr + 8 * v, mask), vbeta, r);
      }
      _mm256_maskstore_ps(cr + 8 * v, mask, r);
    }
  }
}

using TileFn = void (*)(int64_t, const float*, const float*, float*, int64_t, __m256i, float, float);

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
    default:
      return Tile<6, NV>;
  }
}

}  // namespace

void SgemmUkernelAvx2(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int64_t mr, int64_t nr,
                      float alpha, float beta) {
  const int nv = nr > 8 ? 2 : 1;
  const __m256i mask = FirstLanes(nr - 8 * (nv - 1));
  TileFn fn = nv == 2 ? PickRows<2>(mr) : PickRows<1>(mr);
  fn(kc, a, b, c, ldc, mask, alpha, beta);
}

}  // namespace parity::rt
