// Eigen double GEMM, compiled once per ISA (PARITY_DGEMM_ISA). Only the extern "C" entry point is visible.
#include <Eigen/Core>
#include <cstdint>

#include <omp.h>

#define PARITY_DGEMM_CAT_INNER(a, b) a##b
#define PARITY_DGEMM_CAT(a, b) PARITY_DGEMM_CAT_INNER(a, b)
#define PARITY_DGEMM_ENTRY PARITY_DGEMM_CAT(parity_ref_dgemm_, PARITY_DGEMM_ISA)

namespace {

using Stride = Eigen::OuterStride<>;
using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMap = Eigen::Map<const RowMajor, Eigen::Unaligned, Stride>;
using Map = Eigen::Map<RowMajor, Eigen::Unaligned, Stride>;

template <typename A, typename B>
void Accumulate(const A& a, const B& b, double alpha, double beta, Map& c) {
  if (beta == 0.0) {
    c.noalias() = alpha * (a * b);
  } else {
    if (beta != 1.0) c *= beta;
    c.noalias() += alpha * (a * b);
  }
}

}  // namespace

extern "C" __attribute__((visibility("default"))) void PARITY_DGEMM_ENTRY(
    int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t lda,
    const double* b, int64_t ldb, double beta, double* c, int64_t ldc, int threads) {
  if (m == 0 || n == 0) return;
  Eigen::setNbThreads(threads > 0 ? threads : omp_get_num_procs());
  Map cm(c, m, n, Stride(ldc));
  const ConstMap am(a, trans_a ? k : m, trans_a ? m : k, Stride(lda));
  const ConstMap bm(b, trans_b ? n : k, trans_b ? k : n, Stride(ldb));
  if (k == 0) {
    if (beta == 0.0) {
      cm.setZero();
    } else {
      cm *= beta;
    }
    return;
  }
  if (trans_a && trans_b) {
    Accumulate(am.transpose(), bm.transpose(), alpha, beta, cm);
  } else if (trans_a) {
    Accumulate(am.transpose(), bm, alpha, beta, cm);
  } else if (trans_b) {
    Accumulate(am, bm.transpose(), alpha, beta, cm);
  } else {
    Accumulate(am, bm, alpha, beta, cm);
  }
}
