// Not: y = logical not of a BOOL tensor, elementwise.
//   Not-1 is the only version (in force from opset 1 on).
#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunNot(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(x.dtype() == DataType::kBool, "input must be BOOL, got " + DataTypeName(x.dtype()));
  ctx.SetOutput(0, MapNumeric(x, [](auto v) -> int64_t { return v == 0; }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Not").Versions({1}).Run(RunNot));

}  // namespace parity::ref
