// Portable epilogue: scalar libm activations (the accuracy reference for the vector variants).
#include <cmath>

#include "kernels/gemm/epilogue.h"
#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {
namespace {

float Activate(float x, const EpilogueArgs& p) {
  switch (static_cast<Activation>(p.activation)) {
    case Activation::kNone:
      return x;
    case Activation::kRelu:
      return x > 0.0f ? x : 0.0f;
    case Activation::kClip:
      return std::fmin(std::fmax(x, p.act_alpha), p.act_beta);
    case Activation::kSigmoid:
      return 1.0f / (1.0f + std::exp(-x));
    case Activation::kHardSigmoid:
      return std::fmax(0.0f, std::fmin(1.0f, p.act_alpha * x + p.act_beta));
    case Activation::kHardSwish:
      return x * std::fmax(0.0f, std::fmin(1.0f, x * (1.0f / 6.0f) + 0.5f));
    case Activation::kSilu:
      return x / (1.0f + std::exp(-x));
    case Activation::kGeluErf:
      return 0.5f * x * (1.0f + std::erf(x * 0.70710678118654752f));
    case Activation::kGeluTanh:
      return 0.5f * x * (1.0f + std::tanh(0.79788456080286536f * (x + 0.044715f * x * x * x)));
  }
  return x;
}

}  // namespace

void EpilogueGeneric(float* c, int64_t ldc, int64_t rows, int64_t cols, const EpilogueArgs* args) {
  const EpilogueArgs& p = *args;
  for (int64_t i = 0; i < rows; ++i) {
    float* cr = c + i * ldc;
    const float* res = p.residual != nullptr ? p.residual + i * p.residual_ld : nullptr;
    const float rb = p.row_bias != nullptr ? p.row_bias[i] : 0.0f;
    for (int64_t j = 0; j < cols; ++j) {
      float v = cr[j] + rb;
      if (p.col_bias != nullptr) v += p.col_bias[j];
      if (res != nullptr && !p.residual_after_activation) v += res[j];
      v = Activate(v, p);
      if (res != nullptr && p.residual_after_activation) v += res[j];
      cr[j] = v;
    }
  }
}

}  // namespace parity::rt
