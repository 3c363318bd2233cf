// Shared by the comparison and logical ops (Equal, Greater, GreaterOrEqual, Less, LessOrEqual, And, Or, Xor):
// a boolean result of a broadcast binary predicate.
#pragma once

#include <string>

#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {

// C = pred(A, B) as a BOOL tensor with multidirectional broadcasting. A and B must share a numeric dtype.
template <typename Pred>
void RunComparison(OpContext& ctx, Pred&& pred) {
  const Tensor& a = ctx.Input(0);
  const Tensor& b = ctx.Input(1);
  ctx.Check(a.dtype() == b.dtype(), "inputs A (" + DataTypeName(a.dtype()) + ") and B (" + DataTypeName(b.dtype()) +
                                        ") must have the same type");
  ctx.SetOutput(0, BroadcastBinary(a, b, DataType::kBool, [&](auto x, auto y) -> int64_t { return pred(x, y); }));
}

// C = op(A, B) for BOOL A and B (And, Or, Xor).
template <typename Op>
void RunLogical(OpContext& ctx, Op&& op) {
  const Tensor& a = ctx.Input(0);
  const Tensor& b = ctx.Input(1);
  ctx.Check(a.dtype() == DataType::kBool && b.dtype() == DataType::kBool,
            "inputs must be BOOL, got " + DataTypeName(a.dtype()) + " and " + DataTypeName(b.dtype()));
  ctx.SetOutput(0, BroadcastBinary(a, b, DataType::kBool,
                                   [&](auto x, auto y) -> int64_t { return op(x != 0, y != 0) ? 1 : 0; }));
}

}  // namespace parity::ref
