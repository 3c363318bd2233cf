// MatMulInteger: y = (A - a_zero_point) * (B - b_zero_point) as int32, with MatMul's numpy semantics.
// A and B are int8 or uint8. a_zero_point (default 0) is a scalar or one value per row of A ([M], or A's
// shape with the last dim 1); b_zero_point (default 0) is a scalar or one value per column of B ([N], or B's
// shape with the second-to-last dim 1). Products are exact in double and wrap to int32.
//   MatMulInteger-10: the only version.
#include "core/matmul_batched.h"
#include "core/op_context.h"
#include "core/quant_common.h"

namespace parity::ref {
namespace {

void RunMatMulInteger(OpContext& ctx) {
  const Tensor& a = ctx.Input(0);
  const Tensor& b = ctx.Input(1);
  ctx.Check(IsInteger(a.dtype()) && IsInteger(b.dtype()), "A and B must be 8-bit integers, got " +
                                                              DataTypeName(a.dtype()) + " and " +
                                                              DataTypeName(b.dtype()));
  const MatMulPlan plan = PlanMatMul(a.shape(), b.shape());
  const std::vector<double> av = SubtractMatrixZeroPoint(a, ctx.HasInput(2) ? &ctx.Input(2) : nullptr, true, "a_zero_point");
  const std::vector<double> bv = SubtractMatrixZeroPoint(b, ctx.HasInput(3) ? &ctx.Input(3) : nullptr, false, "b_zero_point");
  std::vector<double> y(ElementCount(plan.out));
  MatMulDouble(plan, av.data(), bv.data(), y.data(), ctx.threads());
  ctx.SetOutput(0, Tensor(DataType::kDouble, plan.out, std::move(y)).WithDtype(DataType::kInt32));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("MatMulInteger").Versions({10}).Run(RunMatMulInteger));

}  // namespace parity::ref
