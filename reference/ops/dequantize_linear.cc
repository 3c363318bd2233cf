// DequantizeLinear: y = (x - x_zero_point) * x_scale, with scale and zero point per-tensor (one value),
// per-axis (1-D along `axis`) or blocked (x's shape with x[axis] cut in blocks of block_size); an absent zero
// point is 0 (and int32 x has none). y's type is x_scale's, or output_dtype's when given. The result is exact
// in double (not rounded to y's type).
//   DequantizeLinear-10: per-tensor only, uint8/int8/int32.   DequantizeLinear-13: adds per-axis (axis = 1).
//   DequantizeLinear-19: adds float8 x, float16/bfloat16 scales.
//   DequantizeLinear-21: adds blocked (block_size), int16/uint16/int4/uint4.
//   DequantizeLinear-23: adds float4e2m1 x and output_dtype.   DequantizeLinear-24: adds float8e8m0 scales.
//   DequantizeLinear-25: adds int2/uint2.
#include "core/op_context.h"
#include "core/quant_common.h"

namespace parity::ref {
namespace {

void RunDequantizeLinear(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& scale = ctx.Input(1);
  ctx.Check(IsInteger(x.dtype()) || (ctx.version() >= 19 && IsFloating(x.dtype()) && BitWidth(x.dtype()) <= 8),
            "DequantizeLinear-" + std::to_string(ctx.version()) + " does not accept " + DataTypeName(x.dtype()));
  const int64_t attr = ctx.version() >= 23 ? ctx.GetInt("output_dtype") : 0;
  const DataType out = attr != 0 ? DataTypeFromOnnx(static_cast<int32_t>(attr)) : scale.dtype();
  ctx.Check(IsFloating(out), "y must have a floating type, got " + DataTypeName(out));
  const int64_t axis = ctx.version() >= 13 ? ctx.GetInt("axis") : 1;
  const int64_t block = ctx.version() >= 21 ? ctx.GetInt("block_size") : 0;
  ctx.Check(block >= 0, "block_size must be >= 0");
  ctx.Check(ctx.version() >= 13 || scale.size() == 1, "DequantizeLinear-10 takes a scalar x_scale");
  const std::vector<int64_t> index = QuantParamIndex(x.shape(), scale, axis, block, "x_scale");
  if (ctx.HasInput(2)) {
    ctx.Check(ctx.Input(2).dtype() == x.dtype(), "x_zero_point's type differs from x's");
    ctx.Check(ctx.Input(2).shape() == scale.shape() || (ctx.Input(2).size() == 1 && scale.size() == 1),
              "x_zero_point's shape " + ShapeToString(ctx.Input(2).shape()) + " differs from x_scale's " +
                  ShapeToString(scale.shape()));
  }
  const std::vector<double> sv = scale.ToDoubleVector();
  const std::vector<double> zv = ctx.HasInput(2) ? ctx.Input(2).ToDoubleVector() : std::vector<double>(sv.size(), 0);
  const std::vector<double> xv = x.ToDoubleVector();
  std::vector<double> y(xv.size());
  for (size_t i = 0; i < xv.size(); ++i) y[i] = (xv[i] - zv[index[i]]) * sv[index[i]];
  ctx.SetOutput(0, Tensor(out, x.shape(), std::move(y)));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("DequantizeLinear")
                        .Versions({10, 13, 19, 21, 23, 24, 25})
                        .Int("axis", 1).Only(13)
                        .Int("block_size", 0).Only(21)
                        .Int("output_dtype", 0).Only(23)
                        .Run(RunDequantizeLinear));

}  // namespace parity::ref
