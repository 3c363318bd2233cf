// Portable small-M SGEMM on a packed B (see SgemvArgs in gemm_ukernels.h), written so the baseline compiler
// vectorizes the 8-column loop with SSE2. The accumulators stay in registers over all of K, so C is written once
// instead of once per depth block.
#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

constexpr int kNr = kGenericNr;

// C tile of one panel from its accumulators, then the epilogue on the stored tile.
template <int M>
void Store(const SgemvArgs& s, int64_t panel, const float (&acc)[M][kNr]) {
  const int64_t col = panel * kNr;
  const int64_t nr = s.n - col < kNr ? s.n - col : kNr;
  for (int i = 0; i < M; ++i) {
    float* cr = s.c + i * s.ldc + col;
    for (int64_t j = 0; j < nr; ++j) {
      const float v = s.alpha * acc[i][j];
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

// GCC's loop vectorizer would vectorize the depth loop (gathering B with shuffles, accumulators spilled) instead
// of leaving the unrolled 8-column rows to the SLP vectorizer, which keeps every accumulator in a register.
#if defined(__GNUC__) && !defined(__clang__)
#define PARITY_SLP_ONLY __attribute__((optimize("no-tree-loop-vectorize")))
#else
#define PARITY_SLP_ONLY
#endif

// P adjacent panels walked together: P concurrent weight streams (see sgemv_avx512.cc) and 2 * M * P independent
// vector chains, within the 16 SSE registers.
template <int M, int P>
PARITY_SLP_ONLY void Group(const SgemvArgs& s, int64_t panel) {
  float acc[P][M][kNr] = {};
  const float* const a_base = s.a;
  const int64_t lda = s.lda;
  for (int64_t k0 = 0; k0 < s.k; k0 += s.kc) {
    const int64_t kcur = s.kc < s.k - k0 ? s.kc : s.k - k0;
    // One pointer per panel stream (computing p * kcur inside the loop defeats the SLP vectorizer).
    const float* bp[P];
    for (int p = 0; p < P; ++p) bp[p] = s.b + k0 * s.n_padded + (panel + p) * kcur * kNr;
    const float* a = a_base + k0;
    for (int64_t kk = 0; kk < kcur; ++kk) {
#pragma GCC unroll 4
      for (int p = 0; p < P; ++p) {
        const float* br = bp[p] + kk * kNr;
#pragma GCC unroll 4
        for (int i = 0; i < M; ++i) {
          const float av = a[i * lda + kk];
#pragma GCC unroll 8
          for (int j = 0; j < kNr; ++j) acc[p][i][j] += av * br[j];
        }
      }
    }
  }
  for (int p = 0; p < P; ++p) Store<M>(s, panel + p, acc[p]);
}

template <int M, int P>
void Panels(const SgemvArgs& s, int64_t panel_begin, int64_t panel_end) {
  int64_t j = panel_begin;
  for (; j + P <= panel_end; j += P) Group<M, P>(s, j);
  for (; j < panel_end; ++j) Group<M, 1>(s, j);
}

#undef PARITY_SLP_ONLY

}  // namespace

void SgemvPackedGeneric(const SgemvArgs* args, int64_t panel_begin, int64_t panel_end) {
  switch (args->m) {
    case 1:
      return Panels<1, 4>(*args, panel_begin, panel_end);
    case 2:
      return Panels<2, 2>(*args, panel_begin, panel_end);
    case 3:
      return Panels<3, 2>(*args, panel_begin, panel_end);
    default:
      return Panels<4, 1>(*args, panel_begin, panel_end);
  }
}

}  // namespace parity::rt
