#include "kernels/common/activation.h"

#include <algorithm>

#include "kernels/common/sgemm.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {

void ApplyActArray(Act a, float alpha, float beta, float* x, int64_t n) {
  switch (a) {
    case Act::kNone:
      return;
    case Act::kRelu:
      for (int64_t i = 0; i < n; ++i) x[i] = x[i] > 0.f ? x[i] : 0.f;
      return;
    case Act::kClip:
      for (int64_t i = 0; i < n; ++i) x[i] = std::min(std::max(x[i], alpha), beta);
      return;
    default: {
      // The transcendental and gated activations through the GEMM epilogue of this CPU (vectorized exp/erf):
      // element by element through ApplyAct they ran at ~1.5 ns per float (1.3 ms for a 32x160x160 HardSwish).
      ActivationParams p = ToActivationParams(a, alpha, beta);
      EpilogueArgs args{};
      args.activation = static_cast<int>(p.kind);
      args.act_alpha = p.alpha;
      args.act_beta = p.beta;
      ActiveKernelTable().gemm.epilogue(x, n, 1, n, &args);
    }
  }
}

void ApplyEpilogue(const EpilogueParams& e, float* c, int64_t ldc, int64_t row0, int64_t rows, int64_t col0,
                   int64_t cols) {
  if (e.identity()) return;
  for (int64_t r = 0; r < rows; ++r) {
    float* row = c + (row0 + r) * ldc + col0;
    if (e.bias) {
      if (e.bias_per_row) {
        float b = e.bias[row0 + r];
        for (int64_t j = 0; j < cols; ++j) row[j] += b;
      } else {
        const float* b = e.bias + col0;
        for (int64_t j = 0; j < cols; ++j) row[j] += b[j];
      }
    }
    if (e.residual) {
      const float* res = e.residual + (row0 + r) * e.ld_residual + col0;
      for (int64_t j = 0; j < cols; ++j) row[j] += res[j];
    }
    ApplyActArray(e.act, e.alpha, e.beta, row, cols);
  }
}

}  // namespace parity::rt
