// IsInf: y = (x is +inf and detect_positive) or (x is -inf and detect_negative), a BOOL tensor of x's shape.
//   detect_negative (int, default 1), detect_positive (int, default 1).
//   IsInf-10: float/double.   IsInf-20: adds float16, bfloat16 and the float8 types.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunIsInf(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()), "input must be a floating-point tensor, got " + DataTypeName(x.dtype()));
  const bool negative = ctx.GetInt("detect_negative") != 0;
  const bool positive = ctx.GetInt("detect_positive") != 0;
  ctx.SetOutput(0, MapNumeric(
                       x,
                       [&](auto v) -> int64_t {
                         const double d = static_cast<double>(v);
                         return std::isinf(d) && ((d > 0 && positive) || (d < 0 && negative));
                       },
                       DataType::kBool));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("IsInf")
                        .Versions({10, 20})
                        .Int("detect_negative", 1)
                        .Int("detect_positive", 1)
                        .Run(RunIsInf));

}  // namespace parity::ref
