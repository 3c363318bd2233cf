// Shared by the elementwise math and activation ops (Abs ... Tan, Sigmoid, Elu, Gelu, ...): run a real function
// over a floating-point input, and the integer helpers the arithmetic ops share (wrap-around, exact powers).
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {

// Y = fn(X) elementwise for a floating-point X (any float format); fails naming the dtype otherwise.
template <typename Fn>
void RunFloatUnary(OpContext& ctx, Fn&& fn) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()), "input must be a floating-point tensor, got " + DataTypeName(x.dtype()));
  ctx.SetOutput(0, MapReal(x, ctx.op_type().c_str(), fn));
}

// a * b on the storage type; signed products are formed in uint64 so that int64 overflow wraps instead of being
// undefined behaviour (narrower ints are wrapped afterwards by WrapToDtype).
template <typename T>
T WrappingMul(T a, T b) {
  if constexpr (std::is_same_v<T, int64_t>) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
  } else {
    return a * b;
  }
}

template <typename T>
T WrappingSub(T a, T b) {
  if constexpr (std::is_same_v<T, int64_t>) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
  } else {
    return a - b;
  }
}

template <typename T>
T WrappingAdd(T a, T b) {
  if constexpr (std::is_same_v<T, int64_t>) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  } else {
    return a + b;
  }
}

}  // namespace parity::ref
