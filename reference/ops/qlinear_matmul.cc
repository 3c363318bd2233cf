// QLinearMatMul: quantized MatMul (numpy semantics as MatMul).
//   acc = (a - a_zero_point) * (b - b_zero_point)                                   (exact)
//   y   = saturate(round_half_even(acc * a_scale * b_scale / y_scale) + y_zero_point)
// Inputs: a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point. a's scale and zero point
// are scalars or per row of a ([M]); b's are scalars or per column of b ([N]); y's are scalars. y has
// y_zero_point's type.
//   QLinearMatMul-10: int8/uint8, float scales.
//   QLinearMatMul-21: adds float16/bfloat16 scales and float8 operands (float8 results round to nearest even,
//                     saturating).
#include "core/matmul_batched.h"
#include "core/op_context.h"
#include "core/quant_common.h"

namespace parity::ref {
namespace {

void RunQLinearMatMul(OpContext& ctx) {
  const Tensor& a = ctx.Input(0);
  const Tensor& b = ctx.Input(3);
  const MatMulPlan plan = PlanMatMul(a.shape(), b.shape());
  const std::vector<double> av = SubtractMatrixZeroPoint(a, &ctx.Input(2), true, "a_zero_point");
  const std::vector<double> bv = SubtractMatrixZeroPoint(b, &ctx.Input(5), false, "b_zero_point");
  const std::vector<double> a_scale = ctx.Input(1).ToDoubleVector();
  const std::vector<double> b_scale = ctx.Input(4).ToDoubleVector();
  const Tensor& y_zp = ctx.Input(7);
  ctx.Check(ctx.Input(6).size() == 1 && y_zp.size() == 1, "y_scale and y_zero_point must be scalars");
  ctx.Check(a_scale.size() == 1 || static_cast<int64_t>(a_scale.size()) == plan.m,
            "a_scale must be a scalar or have one value per row of a");
  ctx.Check(b_scale.size() == 1 || static_cast<int64_t>(b_scale.size()) == plan.n,
            "b_scale must be a scalar or have one value per column of b");
  const double y_scale = ctx.Input(6).AsDouble(0);
  const double zero_point = y_zp.AsDouble(0);

  std::vector<double> y(ElementCount(plan.out));
  MatMulDouble(plan, av.data(), bv.data(), y.data(), ctx.threads());
  for (int64_t i = 0; i < static_cast<int64_t>(y.size()); ++i) {
    const int64_t row = (i / plan.n) % plan.m, col = i % plan.n;
    const double scale = a_scale[a_scale.size() == 1 ? 0 : row] * b_scale[b_scale.size() == 1 ? 0 : col];
    y[i] = QuantizeToType(y_zp.dtype(), y[i] * scale / y_scale, zero_point);
  }
  ctx.SetOutput(0, QuantTensorFromDoubles(y_zp.dtype(), plan.out, std::move(y)));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("QLinearMatMul").Versions({10, 21}).Run(RunQLinearMatMul));

}  // namespace parity::ref
