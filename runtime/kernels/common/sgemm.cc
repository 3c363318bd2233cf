#include "kernels/common/sgemm.h"

namespace parity::rt {

ActivationParams ToActivationParams(Act act, float alpha, float beta) {
  ActivationParams p;
  switch (act) {
    case Act::kNone:
      p.kind = Activation::kNone;
      break;
    case Act::kRelu:
      p.kind = Activation::kRelu;
      break;
    case Act::kClip:
      p.kind = Activation::kClip;
      break;
    case Act::kSigmoid:
      p.kind = Activation::kSigmoid;
      break;
    case Act::kHardSigmoid:
      p.kind = Activation::kHardSigmoid;
      break;
    case Act::kHardSwish:
      p.kind = Activation::kHardSwish;
      break;
    case Act::kSilu:
      p.kind = Activation::kSilu;
      break;
    case Act::kGelu:
      p.kind = Activation::kGeluErf;
      break;
  }
  p.alpha = alpha;
  p.beta = beta;
  return p;
}

Epilogue ToGemmEpilogue(const EpilogueParams& e) {
  Epilogue g;
  if (e.bias) {
    g.bias_kind = e.bias_per_row ? BiasKind::kPerRow : BiasKind::kPerColumn;
    g.bias = e.bias;
  }
  g.activation = ToActivationParams(e.act, e.alpha, e.beta);
  g.residual = e.residual;
  g.residual_ld = e.ld_residual;
  g.residual_order = ResidualOrder::kBeforeActivation;
  return g;
}

void Sgemm(int64_t M, int64_t N, int64_t K, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
           int64_t ldc, const EpilogueParams& epi, ThreadPool* pool) {
  GemmOptions o;
  o.pool = pool;
  Gemm(false, false, M, N, K, 1.f, A, lda, B, ldb, 0.f, C, ldc, ToGemmEpilogue(epi), o);
}

void SgemmCols(int64_t M, int64_t n0, int64_t n1, int64_t K, const float* A, int64_t lda, const float* B, int64_t ldb,
               float* C, int64_t ldc, const EpilogueParams& epi) {
  EpilogueParams e = epi;
  if (e.bias && !e.bias_per_row) e.bias += n0;
  if (e.residual) e.residual += n0;
  Sgemm(M, n1 - n0, K, A, lda, B + n0, ldb, C + n0, ldc, e, nullptr);
}

}  // namespace parity::rt
