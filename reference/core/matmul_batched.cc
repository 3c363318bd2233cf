#include "core/matmul_batched.h"

#include "core/nn_parallel.h"
#include "core/elementwise.h"
#include "parity/reference/error.h"

namespace parity::ref {

MatMulPlan PlanMatMul(const Shape& a_in, const Shape& b_in) {
  if (a_in.empty() || b_in.empty()) {
    throw Error("MatMul operands must have rank >= 1, got " + ShapeToString(a_in) + " and " + ShapeToString(b_in));
  }
  Shape a = a_in, b = b_in;
  if (a.size() == 1) a.insert(a.begin(), 1);
  if (b.size() == 1) b.push_back(1);
  MatMulPlan plan;
  plan.m = a[a.size() - 2];
  plan.k = a.back();
  plan.n = b.back();
  if (b[b.size() - 2] != plan.k) {
    throw Error("MatMul inner dimensions differ: " + ShapeToString(a_in) + " x " + ShapeToString(b_in));
  }
  const Shape a_batch(a.begin(), a.end() - 2), b_batch(b.begin(), b.end() - 2);
  const Shape batch = BroadcastShapes(a_batch, b_batch);
  plan.out = batch;
  if (a_in.size() > 1) plan.out.push_back(plan.m);
  if (b_in.size() > 1) plan.out.push_back(plan.n);
  ForEachBroadcast(batch, {a_batch, b_batch}, [&](int64_t, const std::vector<int64_t>& offsets) {
    plan.a_matrix.push_back(offsets[0]);
    plan.b_matrix.push_back(offsets[1]);
  });
  return plan;
}

void MatMulDouble(const MatMulPlan& plan, const double* a, const double* b, double* y, int threads) {
  const int64_t m = plan.m, k = plan.k, n = plan.n, batches = plan.batches();
  // Common case (activations times one weight matrix): every batch of a in order against one b -> one GEMM.
  bool stacked = batches > 1;
  for (int64_t i = 0; i < batches && stacked; ++i) stacked = plan.a_matrix[i] == i && plan.b_matrix[i] == 0;
  if (stacked) {
    ParallelDGemm(false, false, batches * m, n, k, 1.0, a, k, b, n, 0.0, y, n, threads);
    return;
  }
  for (int64_t i = 0; i < batches; ++i) {
    ParallelDGemm(false, false, m, n, k, 1.0, a + plan.a_matrix[i] * m * k, k, b + plan.b_matrix[i] * k * n, n, 0.0,
          y + i * m * n, n, threads);
  }
}

}  // namespace parity::ref
