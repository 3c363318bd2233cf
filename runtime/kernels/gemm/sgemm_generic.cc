// Portable SGEMM micro-kernel (4 x 8), written so the baseline compiler vectorizes the column loop with SSE2.
#include <cstring>

#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

constexpr int kMr = kGenericMr;
constexpr int kNr = kGenericNr;

void Accumulate(int64_t kc, const float* a, const float* b, float acc[kMr][kNr]) {
  for (int i = 0; i < kMr; ++i) {
    for (int j = 0; j < kNr; ++j) acc[i][j] = 0.0f;
  }
  for (int64_t k = 0; k < kc; ++k) {
    for (int i = 0; i < kMr; ++i) {
      const float av = a[i];
      for (int j = 0; j < kNr; ++j) acc[i][j] += av * b[j];
    }
    a += kMr;
    b += kNr;
  }
}

}  // namespace

void SgemmUkernelGeneric(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int64_t mr, int64_t nr,
                         float alpha, float beta) {
  alignas(16) float acc[kMr][kNr];
  Accumulate(kc, a, b, acc);
  for (int64_t i = 0; i < mr; ++i) {
    float* cr = c + i * ldc;
    for (int64_t j = 0; j < nr; ++j) {
      const float v = alpha * acc[i][j];
      cr[j] = beta == 0.0f ? v : v + beta * cr[j];
    }
  }
}

}  // namespace parity::rt
