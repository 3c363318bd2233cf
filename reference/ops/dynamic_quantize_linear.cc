// DynamicQuantizeLinear: quantizes float x to uint8 with a scale and zero point derived from x itself:
//   y_scale      = (max(0, max(x)) - min(0, min(x))) / 255          (the range always includes 0)
//   y_zero_point = round_half_even(clamp(0 - min(0, min(x)) / y_scale, 0, 255))
//   y            = saturate(round_half_even(x / y_scale) + y_zero_point)      (to [0, 255])
// An all-zero x has y_scale 0: then y and y_zero_point are 0. Outputs: y (uint8), y_scale (float scalar),
// y_zero_point (uint8 scalar). y_scale is a float output, so it is rounded to float once computed, and y and
// y_zero_point use that float scale (x / y_scale in float, as QuantizeLinear divides in the scale's type):
// y must be the quantization of x by the y_scale the op reports.
//   DynamicQuantizeLinear-11: the only version.
#include <algorithm>
#include <cmath>

#include "core/float_formats.h"
#include "core/op_context.h"
#include "core/quant_common.h"

namespace parity::ref {
namespace {

void RunDynamicQuantizeLinear(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()), "x must be a floating tensor");
  const auto& xv = x.reals();
  double lo = 0, hi = 0;
  for (double v : xv) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  const double scale = RoundToFloatType(DataType::kFloat, (hi - lo) / 255.0);
  const double zero_point =
      scale == 0 ? 0 : std::nearbyint(std::clamp(0 - QuantizeDivide(lo, scale, DataType::kFloat), 0.0, 255.0));
  std::vector<double> y(xv.size(), 0.0);
  if (scale != 0) {
    for (size_t i = 0; i < xv.size(); ++i) y[i] = QuantizeToType(DataType::kUint8, QuantizeDivide(xv[i], scale, DataType::kFloat), zero_point);
  }
  ctx.SetOutput(0, QuantTensorFromDoubles(DataType::kUint8, x.shape(), std::move(y)));
  if (ctx.OutputRequested(1)) ctx.SetOutput(1, Tensor::Scalar(DataType::kFloat, scale));
  if (ctx.OutputRequested(2)) ctx.SetOutput(2, QuantTensorFromDoubles(DataType::kUint8, {}, {zero_point}));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("DynamicQuantizeLinear").Versions({11}).Run(RunDynamicQuantizeLinear));

}  // namespace parity::ref
