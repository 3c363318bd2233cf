// Accuracy contracts of the fp32 kernels, as data. Tests compare against double-precision loops and accept
//   |got - ref| <= dot_eps * FLT_EPSILON * depth * sum_k |a_k * b_k|  +  out_eps * (1 + |ref|)
// where `depth` is the number of products summed into the element (K for GEMM, Cin/g * KH * KW for conv) and
// sum |a b| is the reference's absolute dot product. dot_eps covers float accumulation (and the extra transforms
// of Winograd); out_eps covers the epilogue: final rounding plus the vector exp/erf approximations.
#ifndef PARITY_TESTS_RUNTIME_KERNELS_TOLERANCES_H_
#define PARITY_TESTS_RUNTIME_KERNELS_TOLERANCES_H_

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace parity::rt::test {

struct KernelTolerance {
  std::string_view kernel;
  double dot_eps;
  double out_eps;
};

inline constexpr KernelTolerance kKernelTolerances[] = {
    {"gemm", 1.0, 4e-7},                 // linear epilogues (none, relu, clip, hard-*)
    {"gemm_transcendental", 1.0, 2e-6},  // sigmoid, silu, gelu: vector exp / erf approximations
    {"conv_gemm", 1.0, 2e-6},            // 1x1 and im2col convolutions (any epilogue)
    {"conv_depthwise", 1.0, 2e-6},
    {"conv_nchwc_depthwise", 1.0, 4e-7},  // blocked depthwise rows: bias, residual, relu / clip only
    {"conv_winograd", 2.0, 2e-6},         // F(2x2,3x3): transforms add a few roundings of inputs and weights
    {"conv_winograd_f4", 1.0, 2e-6},      // F(4x4,3x3) blocked: transform coefficients up to 8; measured <= 0.16 of this
    {"conv_nchwc", 1.0, 4e-7},            // blocked direct conv rows: fused bias / residual / relu / clip only
    {"softmax", 0.0, 1e-6},               // vector exp (~2 ulp) and the float sum; outputs are in [0, 1]
    {"layer_norm", 0.0, 4e-6},            // float sums over the row; outputs are O(|scale| + |bias|)
    {"thread_pool", 0.0, 0.0},
};

inline const KernelTolerance& ToleranceFor(std::string_view kernel) {
  for (const KernelTolerance& t : kKernelTolerances) {
    if (t.kernel == kernel) return t;
  }
  std::fprintf(stderr, "no tolerance entry for kernel '%.*s'\n", static_cast<int>(kernel.size()), kernel.data());
  std::abort();
}

}  // namespace parity::rt::test

#endif  // PARITY_TESTS_RUNTIME_KERNELS_TOLERANCES_H_
