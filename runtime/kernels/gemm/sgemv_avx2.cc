// AVX2 small-M SGEMM on a packed B (see SgemvArgs in gemm_ukernels.h and sgemv_avx512.cc): each 16-column
// panel runs over all of K with 2 vectors per row and U independent depth chains, then C is written once.
#include <immintrin.h>

#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

constexpr int kNr = kAvx2Nr;
// Depth rows (64 bytes each) to prefetch ahead: 4 KB.
constexpr int64_t kPrefetchRows = 64;

int64_t BlockRows(const SgemvArgs& s, int64_t k0) {
  return s.kc < s.k - k0 ? s.kc : s.k - k0;
}

const float* PanelBlock(const SgemvArgs& s, int64_t k0, int64_t panel) {
  return s.b + k0 * s.n_padded + panel * BlockRows(s, k0) * kNr;
}

// Lane mask with the first n lanes set (n <= 0: none, n >= 8: all), for maskload / maskstore.
__m256i FirstLanes(int64_t n) {
  const __m256i idx = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n < 0 ? 0 : n > 8 ? 8 : n)), idx);
}

template <int M>
void Panel(const SgemvArgs& s, int64_t panel, int64_t panel_end) {
  // At least 6 FMAs in flight while 2 * M * U accumulators, 2 B vectors and a broadcast fit in 16 registers.
  constexpr int U = M == 1 ? 4 : M == 2 ? 2 : 1;
  __m256 acc[U][M][2];
#pragma GCC unroll 4
  for (int u = 0; u < U; ++u) {
#pragma GCC unroll 4
    for (int i = 0; i < M; ++i) acc[u][i][0] = acc[u][i][1] = _mm256_setzero_ps();
  }
  for (int64_t k0 = 0; k0 < s.k; k0 += s.kc) {
    const int64_t kcur = BlockRows(s, k0);
    const float* b = PanelBlock(s, k0, panel);
    // Prefetch across the jump to the next depth block (or panel), as in sgemv_avx512.cc.
    const float* next = b;
    if (k0 + kcur < s.k) {
      next = PanelBlock(s, k0 + kcur, panel);
    } else if (panel + 1 < panel_end) {
      next = PanelBlock(s, 0, panel + 1);
    }
    const float* a = s.a + k0;
    int64_t kk = 0;
    for (; kk + U <= kcur; kk += U) {
      const int64_t ahead = kk + kPrefetchRows;
      const float* pf = ahead < kcur ? b + ahead * kNr : next + (ahead - kcur) * kNr;
      // One 64-byte line per depth row.
#pragma GCC unroll 4
      for (int u = 0; u < U; ++u) _mm_prefetch(reinterpret_cast<const char*>(pf + u * kNr), _MM_HINT_T0);
#pragma GCC unroll 4
      for (int u = 0; u < U; ++u) {
        const __m256 b0 = _mm256_loadu_ps(b + (kk + u) * kNr);
        const __m256 b1 = _mm256_loadu_ps(b + (kk + u) * kNr + 8);
#pragma GCC unroll 4
        for (int i = 0; i < M; ++i) {
          const __m256 av = _mm256_broadcast_ss(a + i * s.lda + kk + u);
          acc[u][i][0] = _mm256_fmadd_ps(av, b0, acc[u][i][0]);
          acc[u][i][1] = _mm256_fmadd_ps(av, b1, acc[u][i][1]);
        }
      }
    }
    for (; kk < kcur; ++kk) {
      const __m256 b0 = _mm256_loadu_ps(b + kk * kNr);
      const __m256 b1 = _mm256_loadu_ps(b + kk * kNr + 8);
#pragma GCC unroll 4
      for (int i = 0; i < M; ++i) {
        const __m256 av = _mm256_broadcast_ss(a + i * s.lda + kk);
        acc[0][i][0] = _mm256_fmadd_ps(av, b0, acc[0][i][0]);
        acc[0][i][1] = _mm256_fmadd_ps(av, b1, acc[0][i][1]);
      }
    }
  }
  const int64_t col = panel * kNr;
  const int64_t nr = s.n - col < kNr ? s.n - col : kNr;
  const __m256i masks[2] = {FirstLanes(nr), FirstLanes(nr - 8)};
  const __m256 valpha = _mm256_set1_ps(s.alpha);
  const __m256 vbeta = _mm256_set1_ps(s.beta);
#pragma GCC unroll 4
  for (int i = 0; i < M; ++i) {
    float* cr = s.c + i * s.ldc + col;
#pragma GCC unroll 2
    for (int v = 0; v < 2; ++v) {
      __m256 sum = acc[0][i][v];
#pragma GCC unroll 4
      for (int u = 1; u < U; ++u) sum = _mm256_add_ps(sum, acc[u][i][v]);
      __m256 r = _mm256_mul_ps(sum, valpha);
      if (s.beta != 0.0f) r = _mm256_fmadd_ps(_mm256_maskload_ps(cr + 8 * v, masks[v]), vbeta, r);
      _mm256_maskstore_ps(cr + 8 * v, masks[v], r);
    }
  }
  if (s.epilogue != nullptr) {
    // A second pass over the just-stored (L1) tile, as the AVX2 GEMM does.
    EpilogueArgs e = *s.epilogue;
    if (e.col_bias != nullptr) e.col_bias += col;
    if (e.residual != nullptr) e.residual += col;
    EpilogueAvx2(s.c + col, s.ldc, M, nr, &e);
  }
}

template <int M>
void Panels(const SgemvArgs& s, int64_t panel_begin, int64_t panel_end) {
  for (int64_t j = panel_begin; j < panel_end; ++j) Panel<M>(s, j, panel_end);
}

}  // namespace

void SgemvPackedAvx2(const SgemvArgs* args, int64_t panel_begin, int64_t panel_end) {
  switch (args->m) {
    case 1:
      return Panels<1>(*args, panel_begin, panel_end);
    case 2:
      return Panels<2>(*args, panel_begin, panel_end);
    case 3:
      return Panels<3>(*args, panel_begin, panel_end);
    default:
      return Panels<4>(*args, panel_begin, panel_end);
  }
}

}  // namespace parity::rt
