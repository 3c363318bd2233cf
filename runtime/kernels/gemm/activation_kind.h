// Activation kinds of the fused epilogue. A header of its own, free of functions, because the ISA-specific
// kernel files include it (they must not pull in inline functions shared with baseline code).
#ifndef PARITY_RUNTIME_KERNELS_GEMM_ACTIVATION_KIND_H_
#define PARITY_RUNTIME_KERNELS_GEMM_ACTIVATION_KIND_H_

namespace parity::rt {

enum class Activation : int {
  kNone = 0,
  kRelu,         // max(x, 0)
  kClip,         // min(max(x, alpha), beta); Relu6 is Clip(0, 6)
  kSigmoid,      // 1 / (1 + exp(-x))
  kHardSigmoid,  // max(0, min(1, alpha * x + beta)); ONNX defaults alpha = 0.2, beta = 0.5
  kHardSwish,    // x * max(0, min(1, x / 6 + 1 / 2))
  kSilu,         // x * sigmoid(x)
  kGeluErf,      // 0.5 * x * (1 + erf(x / sqrt(2)))
  kGeluTanh,     // 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))
};

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_GEMM_ACTIVATION_KIND_H_
