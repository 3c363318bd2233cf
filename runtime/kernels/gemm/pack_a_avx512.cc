// AVX-512 packing of one row-major A panel (rows <= mr <= 16) into the micro-kernel layout [kc][mr]: 16 depth
// columns at a time, the (up to 16) rows are loaded as vectors, transposed in registers (16x16, 64 shuffles) and
// stored as 16 packed depth rows. The scalar gather it replaces moved one float per load/store pair; activations
// packed per GEMM call (a transformer's every MatMul) spent 6-12% of the encoder's time there.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

// In place: r[i] lane j  ->  r[j] lane i.
inline void Transpose16x16(__m512 r[16]) {
  __m512 t[16];
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {
    r[i] = _mm512_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
    r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int h = 0; h < 16; h += 8) {
    for (int i = 0; i < 4; ++i) {
      t[h + i] = _mm512_shuffle_f32x4(r[h + i], r[h + i + 4], 0x88);
      t[h + i + 4] = _mm512_shuffle_f32x4(r[h + i], r[h + i + 4], 0xdd);
    }
  }
  for (int i = 0; i < 8; ++i) {
    r[i] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0x88);
    r[i + 8] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0xdd);
  }
}

}  // namespace

void PackAPanelRowMajorAvx512(const float* a, int64_t lda, int64_t rows, int64_t kc, int mr, float* dst) {
  const __mmask16 lanes = static_cast<__mmask16>((1u << mr) - 1);
  int64_t k = 0;
  for (; k + 16 <= kc; k += 16) {
    __m512 r[16];
    for (int i = 0; i < 16; ++i) r[i] = i < rows ? _mm512_loadu_ps(a + i * lda + k) : _mm512_setzero_ps();
    Transpose16x16(r);
    // Masked: mr lanes per depth row, so the last row of the panel never writes past it.
    for (int j = 0; j < 16; ++j) _mm512_mask_storeu_ps(dst + (k + j) * mr, lanes, r[j]);
  }
  for (; k < kc; ++k) {
    float* d = dst + k * mr;
    for (int64_t i = 0; i < rows; ++i) d[i] = a[i * lda + k];
    for (int64_t i = rows; i < mr; ++i) d[i] = 0.0f;
  }
}

}  // namespace parity::rt
