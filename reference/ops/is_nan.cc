// IsNaN: y = (x is NaN), a BOOL tensor of x's shape.
//   IsNaN-9: float16/float/double.   IsNaN-13: adds bfloat16.   IsNaN-20: adds the float8 types.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunIsNaN(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()), "input must be a floating-point tensor, got " + DataTypeName(x.dtype()));
  ctx.SetOutput(0, MapNumeric(x, [](auto v) -> int64_t { return std::isnan(static_cast<double>(v)); },
                              DataType::kBool));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("IsNaN").Versions({9, 13, 20}).Run(RunIsNaN));

}  // namespace parity::ref
