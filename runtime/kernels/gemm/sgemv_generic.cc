// Portable small-M SGEMM on a packed B (see SgemvArgs in gemm_ukernels.h): each 8-column panel runs over all of K
// with the accumulators in registers (the baseline compiler vectorizes the column loop with SSE2) and C is
// written once, instead of once per depth block.
#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

constexpr int kNr = kGenericNr;

template <int M>
void Panel(const SgemvArgs& s, int64_t panel) {
  // Two depth chains for short rows: SSE2 has no FMA, and one add chain per vector would be latency-bound.
  constexpr int U = M <= 2 ? 2 : 1;
  float acc[U][M][kNr] = {};
  for (int64_t k0 = 0; k0 < s.k; k0 += s.kc) {
    const int64_t kcur = s.kc < s.k - k0 ? s.kc : s.k - k0;
    const float* b = s.b + k0 * s.n_padded + panel * kcur * kNr;
    const float* a = s.a + k0;
    int64_t kk = 0;
    for (; kk + U <= kcur; kk += U) {
      for (int u = 0; u < U; ++u) {
        for (int i = 0; i < M; ++i) {
          const float av = a[i * s.lda + kk + u];
          for (int j = 0; j < kNr; ++j) acc[u][i][j] += av * b[(kk + u) * kNr + j];
        }
      }
    }
    for (; kk < kcur; ++kk) {
      for (int i = 0; i < M; ++i) {
        const float av = a[i * s.lda + kk];
        for (int j = 0; j < kNr; ++j) acc[0][i][j] += av * b[kk * kNr + j];
      }
    }
  }
  const int64_t col = panel * kNr;
  const int64_t nr = s.n - col < kNr ? s.n - col : kNr;
  for (int i = 0; i < M; ++i) {
    float* cr = s.c + i * s.ldc + col;
    for (int64_t j = 0; j < nr; ++j) {
      float sum = acc[0][i][j];
      for (int u = 1; u < U; ++u) sum += acc[u][i][j];
      const float v = s.alpha * sum;
      cr[j] = s.beta == 0.0f ? v : v + s.beta * cr[j];
    }
  }
  if (s.epilogue != nullptr) {
    EpilogueArgs e = *s.epilogue;
    if (e.col_bias != nullptr) e.col_bias += col;
    if (e.residual != nullptr) e.residual += col;
    EpilogueGeneric(s.c + col, s.ldc, M, nr, &e);
  }
}

template <int M>
void Panels(const SgemvArgs& s, int64_t panel_begin, int64_t panel_end) {
  for (int64_t j = panel_begin; j < panel_end; ++j) Panel<M>(s, j);
}

}  // namespace

void SgemvPackedGeneric(const SgemvArgs* args, int64_t panel_begin, int64_t panel_end) {
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
