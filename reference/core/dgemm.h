// Double-precision GEMM for the heavy reference ops (Conv, ConvTranspose, Gemm, MatMul, RNNs).
//
// Eigen in double, multithreaded with OpenMP, built three times (AVX-512, AVX2+FMA, baseline) into separate
// shared objects with hidden symbols so that no ISA-specific template instance can leak into another variant;
// the variant is chosen once from the CPU's features (PARITY_REF_ISA=avx512|avx2|generic forces one).
#pragma once

#include <cstdint>
#include <string>

namespace parity::ref {

// C[m x n] = alpha * op(A) * op(B) + beta * C, all row-major; op(X) is X or X^T. lda/ldb/ldc are row strides
// of the matrices as stored. `threads` <= 0 means all hardware threads. beta == 0 ignores C's old content.
void DGemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t lda,
           const double* b, int64_t ldb, double beta, double* c, int64_t ldc, int threads);

// Name of the variant in use ("avx512", "avx2" or "generic").
std::string DGemmVariant();

}  // namespace parity::ref
