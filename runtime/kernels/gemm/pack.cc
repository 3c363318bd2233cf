#include "kernels/gemm/pack.h"

#include <cstring>

namespace parity::rt {
namespace {

// Rows of op(A) are contiguous in memory: gather one element per row for each k.
void PackAPanelRowMajor(const float* a, int64_t lda, int64_t rows, int64_t kc, int mr, float* dst) {
  for (int64_t k = 0; k < kc; ++k) {
    float* d = dst + k * mr;
    for (int64_t i = 0; i < rows; ++i) d[i] = a[i * lda + k];
    for (int64_t i = rows; i < mr; ++i) d[i] = 0.0f;
  }
}

// Columns of op(A) are contiguous: each k is a contiguous run of `rows` floats.
void PackAPanelColMajor(const float* a, int64_t lda, int64_t rows, int64_t kc, int mr, float* dst) {
  for (int64_t k = 0; k < kc; ++k) {
    float* d = dst + k * mr;
    std::memcpy(d, a + k * lda, rows * sizeof(float));
    for (int64_t i = rows; i < mr; ++i) d[i] = 0.0f;
  }
}

}  // namespace

void PackAPanels(const float* a, int64_t lda, bool trans, int64_t m0, int64_t mc, int64_t k0, int64_t kc, int mr,
                 float* dst, PackAPanelFn row_major_panel) {
  for (int64_t i0 = 0; i0 < mc; i0 += mr) {
    const int64_t rows = mc - i0 < mr ? mc - i0 : mr;
    const int64_t row = m0 + i0;
    if (trans) {
      PackAPanelColMajor(a + k0 * lda + row, lda, rows, kc, mr, dst);
    } else if (row_major_panel != nullptr && mr <= 16) {
      row_major_panel(a + row * lda + k0, lda, rows, kc, mr, dst);
    } else {
      PackAPanelRowMajor(a + row * lda + k0, lda, rows, kc, mr, dst);
    }
    dst += kc * mr;
  }
}

void PackBPanels(const float* b, int64_t ldb, bool trans, int64_t k0, int64_t kc, int64_t n0, int64_t nc, int nr,
                 float* dst) {
  for (int64_t j0 = 0; j0 < nc; j0 += nr) {
    const int64_t cols = nc - j0 < nr ? nc - j0 : nr;
    const int64_t col = n0 + j0;
    if (!trans) {
      const float* src = b + k0 * ldb + col;
      for (int64_t k = 0; k < kc; ++k) {
        float* d = dst + k * nr;
        std::memcpy(d, src + k * ldb, cols * sizeof(float));
        for (int64_t j = cols; j < nr; ++j) d[j] = 0.0f;
      }
    } else {
      const float* src = b + col * ldb + k0;
      for (int64_t k = 0; k < kc; ++k) {
        float* d = dst + k * nr;
        for (int64_t j = 0; j < cols; ++j) d[j] = src[j * ldb + k];
        for (int64_t j = cols; j < nr; ++j) d[j] = 0.0f;
      }
    }
    dst += kc * nr;
  }
}

}  // namespace parity::rt
