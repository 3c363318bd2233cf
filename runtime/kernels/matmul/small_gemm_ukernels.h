// The ISA boundary of the small strided GEMM used by parity.StridedMatMul (attention heads): leaf functions on raw
// pointers, one exported per ISA.
#ifndef PARITY_RUNTIME_KERNELS_MATMUL_SMALL_GEMM_UKERNELS_H_
#define PARITY_RUNTIME_KERNELS_MATMUL_SMALL_GEMM_UKERNELS_H_

#include <cstdint>

namespace parity::rt {

// Products at most this deep keep a k x 32 B panel in L1 ...
inline constexpr int64_t kSmallGemmMaxK = 256;
// ... and with A of at most this many floats, A stays in L2 while the column panels reread it.
inline constexpr int64_t kSmallGemmMaxAFloats = 64 * 1024;

// C[m, n] = alpha * A[m, k] * op(B) without packing A: A row i starts at a + i * lda (unit stride along k), C is
// row-major with ldc. op(B) is B[k, n] with rows at b + p * ldb, or, with trans_b, B^T where B is [n, k] with
// rows at b + j * ldb; a transposed B is first copied into `scratch` (k * SmallGemmScratchFloats(n) floats, 64-byte
// aligned). Sums run over k in order in one pass, like the packed GEMM's single depth block. 1 <= k <=
// kSmallGemmMaxK; m, n >= 1. C must not overlap A or B.
using SmallGemmFn = void (*)(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda, const float* b,
                             int64_t ldb, bool trans_b, float* scratch, float* c, int64_t ldc);

// Row length of the transposed-B scratch (n rounded up to whole vectors).
inline int64_t SmallGemmScratchFloats(int64_t n) {
  return (n + 15) / 16 * 16;
}

void SmallGemmAvx512(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda, const float* b,
                     int64_t ldb, bool trans_b, float* scratch, float* c, int64_t ldc);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_MATMUL_SMALL_GEMM_UKERNELS_H_
