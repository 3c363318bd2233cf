// Fused output stage shared by GEMM and convolution kernels.
//
// For each output element, after the product is accumulated:
//   v = alpha * sum + beta * C_old            (GEMM scaling; conv uses alpha = 1, beta = 0)
//   v += bias                                  (per row or per column; per output channel for conv)
//   v += residual                              (when residual_order == kBeforeActivation)
//   v = activation(v)
//   v += residual                              (when residual_order == kAfterActivation)
// The epilogue never owns memory: bias and residual must stay valid for the duration of the call.
#ifndef PARITY_RUNTIME_KERNELS_GEMM_EPILOGUE_H_
#define PARITY_RUNTIME_KERNELS_GEMM_EPILOGUE_H_

#include <cstdint>

#include "kernels/gemm/activation_kind.h"

namespace parity::rt {

struct ActivationParams {
  Activation kind = Activation::kNone;
  float alpha = 0.0f;  // Clip: lower bound; HardSigmoid: slope
  float beta = 0.0f;   // Clip: upper bound; HardSigmoid: offset

  static ActivationParams None() { return {}; }
  static ActivationParams Relu() { return {Activation::kRelu, 0.0f, 0.0f}; }
  static ActivationParams Clip(float lo, float hi) { return {Activation::kClip, lo, hi}; }
  static ActivationParams HardSigmoid(float alpha = 0.2f, float beta = 0.5f) {
    return {Activation::kHardSigmoid, alpha, beta};
  }
  static ActivationParams Of(Activation kind) { return {kind, 0.0f, 0.0f}; }
};

enum class BiasKind : int { kNone = 0, kPerRow, kPerColumn };
enum class ResidualOrder : int { kBeforeActivation = 0, kAfterActivation };

struct Epilogue {
  BiasKind bias_kind = BiasKind::kNone;
  const float* bias = nullptr;  // M floats (kPerRow) or N floats (kPerColumn) for GEMM
  ActivationParams activation;
  const float* residual = nullptr;  // same shape as the output; row stride `residual_ld` (GEMM) in floats
  int64_t residual_ld = 0;
  ResidualOrder residual_order = ResidualOrder::kBeforeActivation;

  bool IsIdentity() const {
    return bias_kind == BiasKind::kNone && activation.kind == Activation::kNone && residual == nullptr;
  }
};

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_GEMM_EPILOGUE_H_
