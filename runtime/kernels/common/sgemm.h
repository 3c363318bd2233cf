// The runtime's SGEMM seam used by op kernels: C[M,N] = A[M,K] * B[K,N] (row-major) then the fused epilogue.
// Backed by the packed GEMM of kernels/gemm (ISA-dispatched); this header maps the runtime's epilogue
// description onto it.
#pragma once

#include <cstdint>

#include "kernels/common/activation.h"
#include "kernels/gemm/epilogue.h"
#include "kernels/gemm/gemm.h"

namespace parity::rt {

class ThreadPool;

ActivationParams ToActivationParams(Act act, float alpha, float beta);
// Epilogue of the gemm library for EpilogueParams (bias per row or column, residual, activation).
Epilogue ToGemmEpilogue(const EpilogueParams& e);

void Sgemm(int64_t M, int64_t N, int64_t K, const float* A, int64_t lda, const float* B, int64_t ldb, float* C,
           int64_t ldc, const EpilogueParams& epi, ThreadPool* pool);

// Serial version on a column range [n0, n1) (used inside already-parallel loops).
void SgemmCols(int64_t M, int64_t n0, int64_t n1, int64_t K, const float* A, int64_t lda, const float* B, int64_t ldb,
               float* C, int64_t ldc, const EpilogueParams& epi);

}  // namespace parity::rt
