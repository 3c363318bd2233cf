// Shared by the variadic elementwise ops Max, Min, Mean and Sum: fold all inputs with multidirectional
// broadcasting.
#pragma once

#include <string>
#include <vector>

#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {

// acc = fn(fn(in0, in1), in2) ... with broadcasting; a single input is returned unchanged. All inputs must share
// a dtype; `fn` receives the storage type (double, int64_t or uint64_t).
template <typename Fn>
Tensor FoldInputs(OpContext& ctx, Fn&& fn) {
  const std::vector<const Tensor*> inputs = ctx.InputsFrom(0);
  ctx.Check(!inputs.empty(), "needs at least one input");
  Tensor acc = *inputs[0];
  for (size_t k = 1; k < inputs.size(); ++k) {
    ctx.Check(inputs[k]->dtype() == acc.dtype(), "input " + std::to_string(k) + " is " +
                                                    DataTypeName(inputs[k]->dtype()) + ", input 0 is " +
                                                    DataTypeName(acc.dtype()));
    acc = BroadcastBinary(acc, *inputs[k], acc.dtype(), fn);
  }
  return acc;
}

}  // namespace parity::ref
