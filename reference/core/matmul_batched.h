// numpy-style matrix products shared by MatMul, MatMulInteger and QLinearMatMul: 1-D operands are promoted
// (a [K] acts as [1, K], b [K] as [K, 1], and the promoted dim is dropped from the result) and the leading
// "batch" dims broadcast against each other.
#pragma once

#include <cstdint>
#include <vector>

#include "parity/reference/tensor.h"

namespace parity::ref {

struct MatMulPlan {
  Shape out;                        // result shape
  int64_t m = 0, k = 0, n = 0;      // per-batch product [m x k] * [k x n]
  std::vector<int64_t> a_matrix;    // for each output batch: index of the [m x k] matrix of a
  std::vector<int64_t> b_matrix;    // ... of the [k x n] matrix of b
  int64_t batches() const { return static_cast<int64_t>(a_matrix.size()); }
};

// Throws Error naming both shapes when they cannot be multiplied.
MatMulPlan PlanMatMul(const Shape& a, const Shape& b);

// y = a * b per the plan, all in double through DGemm (y is overwritten; it holds batches * m * n values).
void MatMulDouble(const MatMulPlan& plan, const double* a, const double* b, double* y, int threads);

}  // namespace parity::ref
