// Where: output = condition ? X : Y elementwise, with multidirectional broadcasting of all three inputs.
//   condition is BOOL; X and Y share any type (strings included).
//   Where-9: all types but bfloat16.   Where-16: adds bfloat16.
#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunWhere(OpContext& ctx) {
  const Tensor& condition = ctx.Input(0);
  const Tensor& x = ctx.Input(1);
  const Tensor& y = ctx.Input(2);
  ctx.Check(condition.dtype() == DataType::kBool, "condition must be BOOL, got " + DataTypeName(condition.dtype()));
  ctx.Check(x.dtype() == y.dtype(),
            "X (" + DataTypeName(x.dtype()) + ") and Y (" + DataTypeName(y.dtype()) + ") must have the same type");
  const Shape out_shape = BroadcastShapes({condition.shape(), x.shape(), y.shape()});
  Tensor out(x.dtype(), out_shape);
  const auto& cv = condition.ints();
  VisitStorage(out, [&](auto& ov) {
    using T = typename std::decay_t<decltype(ov)>::value_type;
    const auto& xv = std::get<std::vector<T>>(x.storage());
    const auto& yv = std::get<std::vector<T>>(y.storage());
    ForEachBroadcast(out_shape, {condition.shape(), x.shape(), y.shape()},
                     [&](int64_t i, const std::vector<int64_t>& o) { ov[i] = cv[o[0]] ? xv[o[1]] : yv[o[2]]; });
  });
  ctx.SetOutput(0, std::move(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Where").Versions({9, 16}).Run(RunWhere));

}  // namespace parity::ref
