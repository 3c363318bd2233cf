// CumSum: running sums of x along `axis` (input 1: an INT32/INT64 scalar or one-element 1-D tensor, negative
// counts from the back); the output has x's shape and type.
//   exclusive (int, default 0): 1 = each output excludes its own element (the first is 0).
//   reverse (int, default 0): 1 = sum from the end of the axis towards the start.
//   CumSum-11: float/double, int32/int64, uint32/uint64.   CumSum-14: adds float16 and bfloat16.
// Floats accumulate in double; integers accumulate exactly and wrap like their dtype.
#include "core/elementwise.h"
#include "core/math_unary.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunCumSum(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& axis_input = ctx.Input(1);
  ctx.Check(axis_input.dtype() == DataType::kInt32 || axis_input.dtype() == DataType::kInt64,
            "axis must be INT32 or INT64, got " + DataTypeName(axis_input.dtype()));
  ctx.Check(axis_input.size() == 1 && axis_input.rank() <= 1,
            "axis must be a scalar, got shape " + ShapeToString(axis_input.shape()));
  ctx.Check(x.rank() >= 1, "input must have rank >= 1");
  const int64_t axis = NormalizeAxis(axis_input.AsInt64(0), x.rank());
  const bool exclusive = ctx.GetInt("exclusive") != 0;
  const bool reverse = ctx.GetInt("reverse") != 0;
  int64_t outer = 1;
  int64_t inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= x.shape()[d];
  for (int64_t d = axis + 1; d < x.rank(); ++d) inner *= x.shape()[d];
  const int64_t length = x.shape()[axis];
  Tensor out(x.dtype(), x.shape());
  VisitNumeric(x, [&](const auto& xv) {
    using T = typename std::decay_t<decltype(xv)>::value_type;
    auto& ov = std::get<std::vector<T>>(out.storage());
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        T sum{0};
        for (int64_t step = 0; step < length; ++step) {
          const int64_t k = reverse ? length - 1 - step : step;
          const int64_t at = (o * length + k) * inner + i;
          if (exclusive) {
            ov[at] = sum;
            sum = WrappingAdd(sum, xv[at]);
          } else {
            sum = WrappingAdd(sum, xv[at]);
            ov[at] = sum;
          }
        }
      }
    }
  });
  out.WrapToDtype();
  ctx.SetOutput(0, std::move(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("CumSum").Versions({11, 14}).Int("exclusive", 0).Int("reverse", 0).Run(RunCumSum));

}  // namespace parity::ref
