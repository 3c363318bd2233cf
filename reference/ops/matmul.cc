// MatMul: matrix product with numpy semantics. The last two dims multiply ([.., M, K] x [.., K, N]); leading
// dims broadcast; a 1-D first operand [K] acts as [1, K] and a 1-D second operand [K] as [K, 1], the promoted
// dim being removed from the result.
//   MatMul-1: float types.  MatMul-9: adds int32/int64/uint32/uint64 (exact, wrapping like the dtype).
//   MatMul-13: adds bfloat16.
#include <type_traits>

#include "core/matmul_batched.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

// Exact integer product; unsigned arithmetic gives two's-complement wrap-around, WrapToDtype narrows it.
template <typename T>
void IntegerMatMul(const MatMulPlan& plan, const std::vector<T>& a, const std::vector<T>& b, std::vector<T>& y) {
  const int64_t m = plan.m, k = plan.k, n = plan.n;
  for (int64_t bi = 0; bi < plan.batches(); ++bi) {
    const T* ap = a.data() + plan.a_matrix[bi] * m * k;
    const T* bp = b.data() + plan.b_matrix[bi] * k * n;
    T* yp = y.data() + bi * m * n;
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        uint64_t acc = 0;
        for (int64_t t = 0; t < k; ++t) acc += static_cast<uint64_t>(ap[i * k + t]) * static_cast<uint64_t>(bp[t * n + j]);
        yp[i * n + j] = static_cast<T>(acc);
      }
    }
  }
}

void RunMatMul(OpContext& ctx) {
  const Tensor& a = ctx.Input(0);
  const Tensor& b = ctx.Input(1);
  ctx.Check(a.dtype() == b.dtype(), "A and B have different types: " + DataTypeName(a.dtype()) + " and " +
                                        DataTypeName(b.dtype()));
  const bool floating = IsFloating(a.dtype());
  ctx.Check(floating || (ctx.version() >= 9 && IsInteger(a.dtype())),
            "MatMul-" + std::to_string(ctx.version()) + " does not accept " + DataTypeName(a.dtype()));
  const MatMulPlan plan = PlanMatMul(a.shape(), b.shape());
  Tensor y(a.dtype(), plan.out);
  if (floating) {
    MatMulDouble(plan, a.reals().data(), b.reals().data(), y.reals().data(), ctx.threads());
  } else if (IsSignedInteger(a.dtype())) {
    IntegerMatMul(plan, a.ints(), b.ints(), y.ints());
  } else {
    IntegerMatMul(plan, a.uints(), b.uints(), y.uints());
  }
  y.WrapToDtype();
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("MatMul").Versions({1, 9, 13}).Run(RunMatMul));

}  // namespace parity::ref
