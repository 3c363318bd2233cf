// AVX-512 small-M SGEMM on a packed B (see SgemvArgs in gemm_ukernels.h). The weights stream once from memory,
// so the loop has to keep many loads in flight rather than many FMAs:
//  - P adjacent 32-column panels are walked together over all of K: P concurrent streams (one per panel, kc * 128
//    bytes apart) let the L2 prefetchers fetch from P places at once. Measured on 5-8 MB of weights evicted to
//    memory: 4 streams run 15-20% faster than one; software prefetch gains 2-3% on one stream and nothing on 4.
//    With the weights in L3 all variants run at the same ~30 GB/s.
//  - U depth rows in flight per accumulator when P * M alone gives too few independent FMA chains (latency 4).
//  - The accumulators stay in registers across depth blocks: C is read and written once, after the last one.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

constexpr int kNr = kAvx512Nr;

__mmask16 FirstLanes(int64_t n) {
  return n >= 16 ? static_cast<__mmask16>(0xFFFF) : n <= 0 ? 0 : static_cast<__mmask16>((1u << n) - 1u);
}

// Panels [panel, panel + P) of rows 0..M-1; 2 * M * P * U accumulators.
template <int M, int P, int U>
void Group(const SgemvArgs& s, int64_t panel) {
  __m512 acc[U][P][M][2];
#pragma GCC unroll 4
  for (int u = 0; u < U; ++u) {
#pragma GCC unroll 4
    for (int p = 0; p < P; ++p) {
#pragma GCC unroll 4
      for (int i = 0; i < M; ++i) acc[u][p][i][0] = acc[u][p][i][1] = _mm512_setzero_ps();
    }
  }
  for (int64_t k0 = 0; k0 < s.k; k0 += s.kc) {
    const int64_t kcur = s.kc < s.k - k0 ? s.kc : s.k - k0;
    const float* b = s.b + k0 * s.n_padded + panel * kcur * kNr;  // panel p of this block at b + p * kcur * kNr
    const float* a = s.a + k0;
    int64_t kk = 0;
    // One depth row: M broadcasts and 2 B vectors live at a time besides the accumulators.
    auto step = [&](int u, int64_t row) __attribute__((always_inline)) {
      __m512 av[M];
#pragma GCC unroll 4
      for (int i = 0; i < M; ++i) av[i] = _mm512_set1_ps(a[i * s.lda + row]);
#pragma GCC unroll 4
      for (int p = 0; p < P; ++p) {
        const __m512 b0 = _mm512_loadu_ps(b + (p * kcur + row) * kNr);
        const __m512 b1 = _mm512_loadu_ps(b + (p * kcur + row) * kNr + 16);
#pragma GCC unroll 4
        for (int i = 0; i < M; ++i) {
          acc[u][p][i][0] = _mm512_fmadd_ps(av[i], b0, acc[u][p][i][0]);
          acc[u][p][i][1] = _mm512_fmadd_ps(av[i], b1, acc[u][p][i][1]);
        }
      }
    };
    for (; kk + U <= kcur; kk += U) {
#pragma GCC unroll 4
      for (int u = 0; u < U; ++u) step(u, kk + u);
    }
    for (; kk < kcur; ++kk) step(0, kk);
  }
  const __m512 valpha = _mm512_set1_ps(s.alpha);
  const __m512 vbeta = _mm512_set1_ps(s.beta);
  const int64_t col0 = panel * kNr;
#pragma GCC unroll 4
  for (int p = 0; p < P; ++p) {
    const int64_t col = col0 + p * kNr;
    const __mmask16 masks[2] = {FirstLanes(s.n - col), FirstLanes(s.n - col - 16)};
#pragma GCC unroll 4
    for (int i = 0; i < M; ++i) {
      float* cr = s.c + i * s.ldc + col;
#pragma GCC unroll 2
      for (int v = 0; v < 2; ++v) {
        __m512 sum = acc[0][p][i][v];
#pragma GCC unroll 4
        for (int u = 1; u < U; ++u) sum = _mm512_add_ps(sum, acc[u][p][i][v]);
        __m512 r = _mm512_mul_ps(sum, valpha);
        if (s.beta != 0.0f) r = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(masks[v], cr + 16 * v), vbeta, r);
        _mm512_mask_storeu_ps(cr + 16 * v, masks[v], r);
      }
    }
  }
  if (s.epilogue != nullptr) {
    // The tiles were just stored (L1): a second pass costs little next to streaming K x 32 * P weights.
    EpilogueArgs e = *s.epilogue;
    if (e.col_bias != nullptr) e.col_bias += col0;
    if (e.residual != nullptr) e.residual += col0;
    const int64_t end = col0 + P * kNr < s.n ? col0 + P * kNr : s.n;
    EpilogueAvx512(s.c + col0, s.ldc, M, end - col0, &e);
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

void SgemvPackedAvx512(const SgemvArgs* args, int64_t panel_begin, int64_t panel_end) {
  // Streams and chains per row count, within 32 registers: 16 accumulators for 1 or 2 rows, 12 / 16 for 3 / 4.
  switch (args->m) {
    case 1:
      return Panels<1, 4, 2, 4>(*args, panel_begin, panel_end);
    case 2:
      return Panels<2, 4, 1, 2>(*args, panel_begin, panel_end);
    case 3:
      return Panels<3, 4, 1, 2>(*args, panel_begin, panel_end);
    default:
      return Panels<4, 3, 1, 2>(*args, panel_begin, panel_end);
  }
}

}  // namespace parity::rt
