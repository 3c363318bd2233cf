// QuantizeLinear: y = saturate(round_half_even(x / y_scale) + y_zero_point) for integer y; for float8 / float4
// y, x / y_scale + y_zero_point rounded to nearest even in the target format (saturating to its largest finite
// value when saturate = 1). Scale and zero point are per-tensor (one value), per-axis (1-D along `axis`) or
// blocked (x's shape with x[axis] cut in blocks of block_size). y's type is y_zero_point's, else output_dtype's,
// else uint8. Integer ranges: uint8 [0, 255], int8 [-128, 127], (u)int16, (u)int4 [0, 15] / [-8, 7],
// (u)int2 [0, 3] / [-2, 1]. x / y_scale is carried out in y_scale's type (or the type `precision` names), i.e.
// the exact quotient rounded to that type before the rounding to the target: this decides the ties.
//   QuantizeLinear-10: per-tensor only, uint8/int8.     QuantizeLinear-13: adds per-axis (axis, default 1).
//   QuantizeLinear-19: adds float8 targets, saturate (default 1), float16/bfloat16 x and scale.
//   QuantizeLinear-21: adds blocked quantization (block_size), output_dtype, int16/uint16/int4/uint4.
//   QuantizeLinear-23: adds float4e2m1 and `precision` (the type the division is carried out in).
//   QuantizeLinear-24: adds float8e8m0 scales.   QuantizeLinear-25: adds int2/uint2.
#include "core/op_context.h"
#include "core/quant_common.h"

namespace parity::ref {
namespace {

DataType OutputType(const OpContext& ctx) {
  const int64_t attr = ctx.version() >= 21 ? ctx.GetInt("output_dtype") : 0;
  if (ctx.HasInput(2)) {
    const DataType zp = ctx.Input(2).dtype();
    ctx.Check(attr == 0 || DataTypeFromOnnx(static_cast<int32_t>(attr)) == zp,
              "output_dtype " + DataTypeName(DataTypeFromOnnx(static_cast<int32_t>(attr))) +
                  " does not match y_zero_point's type " + DataTypeName(zp));
    return zp;
  }
  return attr != 0 ? DataTypeFromOnnx(static_cast<int32_t>(attr)) : DataType::kUint8;
}

void RunQuantizeLinear(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& scale = ctx.Input(1);
  const DataType out = OutputType(ctx);
  double lo = 0, hi = 0;
  const bool integer = QuantIntegerRange(out, &lo, &hi) && out != DataType::kInt32;
  ctx.Check(integer || (ctx.version() >= 19 && IsFloating(out) && BitWidth(out) <= 8 &&
                        out != DataType::kFloat8E8M0),
            "QuantizeLinear-" + std::to_string(ctx.version()) + " cannot produce " + DataTypeName(out));
  const int64_t axis = ctx.version() >= 13 ? ctx.GetInt("axis") : 1;
  const int64_t block = ctx.version() >= 21 ? ctx.GetInt("block_size") : 0;
  ctx.Check(block >= 0, "block_size must be >= 0");
  ctx.Check(ctx.version() >= 13 || scale.size() == 1, "QuantizeLinear-10 takes a scalar y_scale");
  const std::vector<int64_t> index = QuantParamIndex(x.shape(), scale, axis, block, "y_scale");
  if (ctx.HasInput(2)) {
    ctx.Check(ctx.Input(2).shape() == scale.shape() || (ctx.Input(2).size() == 1 && scale.size() == 1),
              "y_zero_point's shape " + ShapeToString(ctx.Input(2).shape()) + " differs from y_scale's " +
                  ShapeToString(scale.shape()));
  }
  const std::vector<double> sv = scale.ToDoubleVector();
  const std::vector<double> zv = ctx.HasInput(2) ? ctx.Input(2).ToDoubleVector() : std::vector<double>(sv.size(), 0);
  const bool saturate = ctx.version() < 19 || ctx.GetInt("saturate") != 0;
  const int64_t precision = ctx.version() >= 23 ? ctx.GetInt("precision") : 0;
  const DataType divide_in = precision != 0 ? DataTypeFromOnnx(static_cast<int32_t>(precision)) : scale.dtype();
  const std::vector<double> xv = x.ToDoubleVector();
  std::vector<double> y(xv.size());
  for (size_t i = 0; i < xv.size(); ++i) {
    const int64_t p = index[i];
    y[i] = QuantizeToType(out, QuantizeDivide(xv[i], sv[p], divide_in), zv[p], saturate);
  }
  ctx.SetOutput(0, QuantTensorFromDoubles(out, x.shape(), std::move(y)));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("QuantizeLinear")
                        .Versions({10, 13, 19, 21, 23, 24, 25})
                        .Int("axis", 1).Only(13)
                        .Int("saturate", 1).Only(19)
                        .Int("block_size", 0).Only(21)
                        .Int("output_dtype", 0).Only(21)
                        .Int("precision", 0).Only(23)
                        .Run(RunQuantizeLinear));

}  // namespace parity::ref
