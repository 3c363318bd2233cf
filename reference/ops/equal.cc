// Equal: C = (A == B) as BOOL with multidirectional broadcasting (NaN equals nothing, not even NaN).
//   Equal-7: bool/int32/int64.   Equal-11: all numeric types.   Equal-13: adds bfloat16.   Equal-19: adds string
//   (byte-wise equality).
#include "core/elementwise.h"
#include "core/logic_compare.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

Tensor EqualStrings(const Tensor& a, const Tensor& b) {
  const Shape out_shape = BroadcastShapes(a.shape(), b.shape());
  Tensor out(DataType::kBool, out_shape);
  auto& ov = out.ints();
  ForEachBroadcast(out_shape, {a.shape(), b.shape()}, [&](int64_t i, const std::vector<int64_t>& o) {
    ov[i] = a.strings()[o[0]] == b.strings()[o[1]];
  });
  return out;
}

void RunEqual(OpContext& ctx) {
  const Tensor& a = ctx.Input(0);
  const Tensor& b = ctx.Input(1);
  if (a.dtype() == DataType::kString || b.dtype() == DataType::kString) {
    ctx.Check(a.dtype() == b.dtype(), "inputs A (" + DataTypeName(a.dtype()) + ") and B (" +
                                          DataTypeName(b.dtype()) + ") must have the same type");
    ctx.Check(ctx.version() >= 19, "string inputs need Equal-19 or later");
    ctx.SetOutput(0, EqualStrings(a, b));
    return;
  }
  RunComparison(ctx, [](auto x, auto y) { return x == y; });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Equal").Versions({7, 11, 13, 19}).Run(RunEqual));

}  // namespace parity::ref
