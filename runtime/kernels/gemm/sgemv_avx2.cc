// AVX2 small-M SGEMM on a packed B (see SgemvArgs in gemm_ukernels.h and the rationale in sgemv_avx512.cc): P
// adjacent 16-column panels are walked together over all of K (P concurrent weight streams), with the
// accumulators in registers; C is written once, after the last depth block.
#include <immintrin.h>

#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

constexpr int kNr = kAvx2Nr;

// Lane mask with the first n lanes set (n <= 0: none, n >= 8: all), for maskload / maskstore.
__m256i FirstLanes(int64_t n) {
  const __m256i idx = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n < 0 ? 0 : n > 8 ? 8 : n)), idx);
}

// Panels [panel, panel + P) of rows 0..M-1; 2 * M * P * U accumulators.
template <int M, int P, int U>
void Group(const SgemvArgs& s, int64_t panel) {
  __m256 acc[U][P][M][2];
#pragma GCC unroll 4
  for (int u = 0; u < U; ++u) {
#pragma GCC unroll 4
    for (int p = 0; p < P; ++p) {
#pragma GCC unroll 4
      for (int i = 0; i < M; ++i) acc[u][p][i][0] = acc[u][p][i][1] = _mm256_setzero_ps();
    }
  }
  for (int64_t k0 = 0; k0 < s.k; k0 += s.kc) {
    const int64_t kcur = s.kc < s.k - k0 ? s.kc : s.k - k0;
    const float* b = s.b + k0 * s.n_padded + panel * kcur * kNr;  // panel p of this block at b + p * kcur * kNr
    const float* a = s.a + k0;
    int64_t kk = 0;
    // One depth row: M broadcasts and 2 B vectors live at a time besides the accumulators.
    auto step = [&](int u, int64_t row) __attribute__((always_inline)) {
      __m256 av[M];
#pragma GCC unroll 4
      for (int i = 0; i < M; ++i) av[i] = _mm256_broadcast_ss(a + i * s.lda + row);
#pragma GCC unroll 4
      for (int p = 0; p < P; ++p) {
        const __m256 b0 = _mm256_loadu_ps(b + (p * kcur + row) * kNr);
        const __m256 b1 = _mm256_loadu_ps(b + (p * kcur + row) * kNr + 8);
#pragma GCC unroll 4
        for (int i = 0; i < M; ++i) {
          acc[u][p][i][0] = _mm256_fmadd_ps(av[i], b0, acc[u][p][i][0]);
          acc[u][p][i][1] = _mm256_fmadd_ps(av[i], b1, acc[u][p][i][1]);
        }
      }
    };
    for (; kk + U <= kcur; kk += U) {
#pragma GCC unroll 4
      for (int u = 0; u < U; ++u) step(u, kk + u);
    }
    for (; kk < kcur; ++kk) step(0, kk);
  }
  const __m256 valpha = _mm256_set1_ps(s.alpha);
  const __m256 vbeta = _mm256_set1_ps(s.beta);
  const int64_t col0 = panel * kNr;
#pragma GCC unroll 4
  for (int p = 0; p < P; ++p) {
    const int64_t col = col0 + p * kNr;
    const __m256i masks[2] = {FirstLanes(s.n - col), FirstLanes(s.n - col - 8)};
#pragma GCC unroll 4
    for (int i = 0; i < M; ++i) {
      float* cr = s.c + i * s.ldc + col;
#pragma GCC unroll 2
      for (int v = 0; v < 2; ++v) {
        __m256 sum = acc[0][p][i][v];
#pragma GCC unroll 4
        for (int u = 1; u < U; ++u) sum = _mm256_add_ps(sum, acc[u][p][i][v]);
        __m256 r = _mm256_mul_ps(sum, valpha);
        if (s.beta != 0.0f) r = _mm256_fmadd_ps(_mm256_maskload_ps(cr + 8 * v, masks[v]), vbeta, r);
        _mm256_maskstore_ps(cr + 8 * v, masks[v], r);
      }
    }
  }
  if (s.epilogue != nullptr) {
    // A second pass over the just-stored (L1) tiles, as the AVX2 GEMM does.
    EpilogueArgs e = *s.epilogue;
    if (e.col_bias != nullptr) e.col_bias += col0;
    if (e.residual != nullptr) e.residual += col0;
    const int64_t end = col0 + P * kNr < s.n ? col0 + P * kNr : s.n;
    EpilogueAvx2(s.c + col0, s.ldc, M, end - col0, &e);
  }
}

// Groups of P panels, then single panels for the rest of the range.
template <int M, int P, int U, int U1>
void Panels(const SgemvArgs& s, int64_t panel_begin, int64_t panel_end) {
  int64_t j = panel_begin;
  for (; j + P <= panel_end; j += P) Group<M, P, U>(s, j);
  for (; j < panel_end; ++j) Group<M, 1, U1>(s, j);
}

}  // namespace

void SgemvPackedAvx2(const SgemvArgs* args, int64_t panel_begin, int64_t panel_end) {
  // Streams and chains per row count, within 16 registers (accumulators + broadcasts + 2 B vectors).
  switch (args->m) {
    case 1:
      return Panels<1, 4, 1, 4>(*args, panel_begin, panel_end);
    case 2:
      return Panels<2, 2, 1, 2>(*args, panel_begin, panel_end);
    case 3:
      return Panels<3, 2, 1, 2>(*args, panel_begin, panel_end);
    default:
      return Panels<4, 1, 1, 1>(*args, panel_begin, panel_end);
  }
}

}  // namespace parity::rt
