// Small GEMM without packing, AVX-512: 14 x 32 register tiles (like the packed SGEMM's micro-kernel) that
// broadcast A straight from its rows and load B rows straight from memory. For the per-head products of attention
// (e.g. 128 x 128 x 64) packing A and B costs as much as a third of the multiply; here the k x 32 B panel stays in
// L1 across the row blocks and A (at most kSmallGemmMaxAFloats) in L2 across the column panels. A transposed B
// (K^T of the scores) is first transposed into the scratch with gathers, once per call.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <utility>

#include "kernels/matmul/small_gemm_ukernels.h"

namespace parity::rt {
namespace {

constexpr int kMr = 14;

// c[0:M, 0:16*NV] = alpha * a[0:M, 0:k] * b[0:k, 0:16*NV]; the last vector column is masked by `last`.
template <int M, int NV>
void Tile(int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c, int64_t ldc, float alpha,
          __mmask16 last) {
  __m512 acc[M][NV];
#pragma GCC unroll 14
  for (int i = 0; i < M; ++i) {
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) acc[i][v] = _mm512_setzero_ps();
  }
  for (int64_t p = 0; p < k; ++p, b += ldb) {
    __m512 bv[NV];
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v)
      bv[v] = _mm512_maskz_loadu_ps(v == NV - 1 ? last : static_cast<__mmask16>(0xFFFF), b + 16 * v);
#pragma GCC unroll 14
    for (int i = 0; i < M; ++i) {
      const __m512 av = _mm512_set1_ps(a[i * lda + p]);
#pragma GCC unroll 2
      for (int v = 0; v < NV; ++v) acc[i][v] = _mm512_fmadd_ps(av, bv[v], acc[i][v]);
    }
  }
  const __m512 valpha = _mm512_set1_ps(alpha);
#pragma GCC unroll 14
  for (int i = 0; i < M; ++i) {
#pragma GCC unroll 2
    for (int v = 0; v < NV; ++v) {
      _mm512_mask_storeu_ps(c + i * ldc + 16 * v, v == NV - 1 ? last : static_cast<__mmask16>(0xFFFF),
                            _mm512_mul_ps(acc[i][v], valpha));
    }
  }
}

using TileFn = void (*)(int64_t, const float*, int64_t, const float*, int64_t, float*, int64_t, float, __mmask16);

template <int NV, int... Ms>
TileFn PickRows(int64_t mr, std::integer_sequence<int, Ms...>) {
  static constexpr TileFn kTiles[] = {Tile<Ms + 1, NV>...};
  return kTiles[mr - 1];
}

// bt[p * ld + j] = b[j * ldb + p] for p < k, j < n: one gather per 16 columns of a row (32-bit offsets permitting).
void TransposeB(const float* b, int64_t ldb, int64_t k, int64_t n, float* bt, int64_t ld) {
  if (ldb > INT32_MAX / 16) {
    for (int64_t j = 0; j < n; ++j) {
      for (int64_t p = 0; p < k; ++p) bt[p * ld + j] = b[j * ldb + p];
    }
    return;
  }
  const __m512i rows = _mm512_mullo_epi32(_mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
                                          _mm512_set1_epi32(static_cast<int>(ldb)));
  for (int64_t j = 0; j < n; j += 16) {
    const __mmask16 m = n - j >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << (n - j)) - 1u);
    const float* src = b + j * ldb;
    for (int64_t p = 0; p < k; ++p) {
      _mm512_storeu_ps(bt + p * ld + j, _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, rows, src + p, 4));
    }
  }
}

}  // namespace

void SmallGemmAvx512(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda, const float* b,
                     int64_t ldb, bool trans_b, float* scratch, float* c, int64_t ldc) {
  if (trans_b) {
    const int64_t ld = SmallGemmScratchFloats(n);
    TransposeB(b, ldb, k, n, scratch, ld);
    b = scratch;
    ldb = ld;
  }
  for (int64_t j = 0; j < n; j += 32) {
    const int64_t cols = std::min<int64_t>(32, n - j);
    const int nv = cols > 16 ? 2 : 1;
    const int64_t tail = cols - 16 * (nv - 1);
    const __mmask16 last = static_cast<__mmask16>((1u << tail) - 1u);
    for (int64_t i = 0; i < m; i += kMr) {
      const int64_t rows = std::min<int64_t>(kMr, m - i);
      const TileFn fn = nv == 2 ? PickRows<2>(rows, std::make_integer_sequence<int, kMr>{})
                                : PickRows<1>(rows, std::make_integer_sequence<int, kMr>{});
      fn(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, alpha, last);
    }
  }
}

}  // namespace parity::rt
