// Double-precision references and helpers shared by the kernel tests.
#ifndef PARITY_TESTS_RUNTIME_KERNELS_KERNEL_TEST_UTIL_H_
#define PARITY_TESTS_RUNTIME_KERNELS_KERNEL_TEST_UTIL_H_

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/cpu_features.h"
#include "kernels/gemm/epilogue.h"
#include "kernels/isa_dispatch.h"
#include "tests/runtime/kernels/tolerances.h"

namespace parity::rt::test {

inline std::vector<float> RandomVector(int64_t n, uint32_t seed, float lo = -1.0f, float hi = 1.0f) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(static_cast<size_t>(n));
  for (float& x : v) x = dist(rng);
  return v;
}

// Every ISA variant this CPU can run, so each test covers all of them.
inline std::vector<Isa> SupportedIsas() {
  std::vector<Isa> isas;
  for (Isa isa : {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512}) {
    if (KernelTableFor(isa) != nullptr) isas.push_back(isa);
  }
  return isas;
}

inline double RefActivation(double x, const ActivationParams& a) {
  switch (a.kind) {
    case Activation::kNone:
      return x;
    case Activation::kRelu:
      return x > 0 ? x : 0;
    case Activation::kClip:
      return std::fmin(std::fmax(x, a.alpha), a.beta);
    case Activation::kSigmoid:
      return 1.0 / (1.0 + std::exp(-x));
    case Activation::kHardSigmoid:
      return std::fmax(0.0, std::fmin(1.0, a.alpha * x + a.beta));
    case Activation::kHardSwish:
      return x * std::fmax(0.0, std::fmin(1.0, x / 6.0 + 0.5));
    case Activation::kSilu:
      return x / (1.0 + std::exp(-x));
    case Activation::kGeluErf:
      return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
    case Activation::kGeluTanh:
      return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (x + 0.044715 * x * x * x)));
  }
  return x;
}

inline bool IsTranscendental(Activation a) {
  return a == Activation::kSigmoid || a == Activation::kSilu || a == Activation::kGeluErf || a == Activation::kGeluTanh;
}

inline const std::vector<ActivationParams>& AllActivations() {
  static const std::vector<ActivationParams> acts = {ActivationParams::None(),
                                                     ActivationParams::Relu(),
                                                     ActivationParams::Clip(-0.5f, 0.75f),
                                                     ActivationParams::Of(Activation::kSigmoid),
                                                     ActivationParams::HardSigmoid(),
                                                     ActivationParams::Of(Activation::kHardSwish),
                                                     ActivationParams::Of(Activation::kSilu),
                                                     ActivationParams::Of(Activation::kGeluErf),
                                                     ActivationParams::Of(Activation::kGeluTanh)};
  return acts;
}

// Result element of the reference: value and the sum of |products| that bounds its rounding error.
struct RefValue {
  double value;
  double abs_dot;
};

// Applies the epilogue to the pre-activation sum `v` (bias already added) in double precision.
inline double RefEpilogue(double v, double residual, bool has_residual, ResidualOrder order,
                          const ActivationParams& act) {
  if (has_residual && order == ResidualOrder::kBeforeActivation) v += residual;
  v = RefActivation(v, act);
  if (has_residual && order == ResidualOrder::kAfterActivation) v += residual;
  return v;
}

inline double AllowedError(const KernelTolerance& tol, double depth, const RefValue& ref) {
  return tol.dot_eps * FLT_EPSILON * depth * ref.abs_dot + tol.out_eps * (1.0 + std::fabs(ref.value));
}

}  // namespace parity::rt::test

#endif  // PARITY_TESTS_RUNTIME_KERNELS_KERNEL_TEST_UTIL_H_
