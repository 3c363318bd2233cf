// Building blocks for elementwise ops: numpy-style multidirectional broadcasting, unary maps and storage-kind
// dispatch. Written for clarity first; they are fast enough for whole models because they walk memory in order.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "parity/reference/error.h"
#include "parity/reference/tensor.h"

namespace parity::ref {

// Broadcast result shape of several shapes (ONNX multidirectional broadcasting). Throws Error naming both shapes.
Shape BroadcastShapes(const Shape& a, const Shape& b);
Shape BroadcastShapes(const std::vector<Shape>& shapes);

// Strides (in elements) of `in` laid over `out` (same rank after left-padding with 1s); broadcast dims get 0.
std::vector<int64_t> BroadcastStrides(const Shape& in, const Shape& out);

// Calls visit(out_index, offsets) for every element of `out`, where offsets[k] is the flat index into inputs[k].
// Inputs are walked with an odometer, so the cost is O(1) per element.
template <typename Visit>
void ForEachBroadcast(const Shape& out, const std::vector<Shape>& inputs, Visit&& visit) {
  const int64_t count = ElementCount(out);
  if (count == 0) return;
  const size_t rank = out.size();
  const size_t n = inputs.size();
  std::vector<std::vector<int64_t>> strides(n);
  for (size_t k = 0; k < n; ++k) strides[k] = BroadcastStrides(inputs[k], out);
  std::vector<int64_t> index(rank, 0);
  std::vector<int64_t> offsets(n, 0);
  for (int64_t i = 0; i < count; ++i) {
    visit(i, offsets);
    for (size_t d = rank; d-- > 0;) {
      ++index[d];
      for (size_t k = 0; k < n; ++k) offsets[k] += strides[k][d];
      if (index[d] < out[d]) break;
      for (size_t k = 0; k < n; ++k) offsets[k] -= strides[k][d] * out[d];
      index[d] = 0;
    }
  }
}

// Converts a computed element to the storage type of `dtype` (double, int64_t or uint64_t).
template <typename Out, typename In>
Out StorageCast(In value) {
  if constexpr (std::is_same_v<Out, std::string> || std::is_same_v<In, std::string>) {
    static_assert(std::is_same_v<Out, In>, "strings only convert to strings");
    return value;
  } else {
    return static_cast<Out>(value);
  }
}

// Dispatches fn(std::vector<T>&) over the numeric storage kinds; throws for strings.
template <typename Fn>
decltype(auto) VisitNumeric(const Tensor& t, Fn&& fn) {
  switch (StorageOf(t.dtype())) {
    case StorageKind::kReal: return fn(t.reals());
    case StorageKind::kInt: return fn(t.ints());
    case StorageKind::kUint: return fn(t.uints());
    default: throw Error("expected a numeric tensor, got " + DataTypeName(t.dtype()));
  }
}

// out[i] = fn(a[i'], b[i'']) with broadcasting. `a` and `b` must share a dtype. fn receives the storage type
// (double, int64_t or uint64_t) and its result is converted to the storage of `out_dtype` (then wrapped).
template <typename Fn>
Tensor BroadcastBinary(const Tensor& a, const Tensor& b, DataType out_dtype, Fn&& fn) {
  if (a.dtype() != b.dtype()) {
    throw Error("inputs have different types: " + DataTypeName(a.dtype()) + " and " + DataTypeName(b.dtype()));
  }
  const Shape out_shape = BroadcastShapes(a.shape(), b.shape());
  Tensor out(out_dtype, out_shape);
  VisitNumeric(a, [&](const auto& av) {
    using T = typename std::decay_t<decltype(av)>::value_type;
    const auto& bv = std::get<std::vector<T>>(b.storage());
    VisitStorage(out, [&](auto& ov) {
      using O = typename std::decay_t<decltype(ov)>::value_type;
      if constexpr (std::is_same_v<O, std::string>) {
        throw Error("numeric op cannot produce strings");
      } else {
        ForEachBroadcast(out_shape, {a.shape(), b.shape()}, [&](int64_t i, const std::vector<int64_t>& o) {
          ov[i] = StorageCast<O>(fn(av[o[0]], bv[o[1]]));
        });
      }
    });
  });
  out.WrapToDtype();
  return out;
}

// out[i] = fn(x[i]) for any numeric dtype; the result keeps x's dtype unless `out_dtype` is given.
template <typename Fn>
Tensor MapNumeric(const Tensor& x, Fn&& fn, DataType out_dtype = DataType::kUndefined) {
  Tensor out(out_dtype == DataType::kUndefined ? x.dtype() : out_dtype, x.shape());
  VisitNumeric(x, [&](const auto& xv) {
    VisitStorage(out, [&](auto& ov) {
      using O = typename std::decay_t<decltype(ov)>::value_type;
      if constexpr (std::is_same_v<O, std::string>) {
        throw Error("numeric op cannot produce strings");
      } else {
        for (size_t i = 0; i < xv.size(); ++i) ov[i] = StorageCast<O>(fn(xv[i]));
      }
    });
  });
  out.WrapToDtype();
  return out;
}

// out[i] = fn(x[i]) for floating x only (throws Error naming `op` otherwise).
template <typename Fn>
Tensor MapReal(const Tensor& x, const char* op, Fn&& fn) {
  if (!IsFloating(x.dtype())) {
    throw Error(std::string(op) + " needs a floating-point input, got " + DataTypeName(x.dtype()));
  }
  Tensor out(x.dtype(), x.shape());
  const auto& xv = x.reals();
  auto& ov = out.reals();
  for (size_t i = 0; i < xv.size(); ++i) ov[i] = fn(xv[i]);
  return out;
}

// Normalises a possibly negative axis into [0, rank); throws Error naming `what` when out of range.
int64_t NormalizeAxis(int64_t axis, int64_t rank, const char* what = "axis");
std::vector<int64_t> NormalizeAxes(const std::vector<int64_t>& axes, int64_t rank, const char* what = "axes");

// Row-major strides of a shape.
std::vector<int64_t> StridesOf(const Shape& shape);

}  // namespace parity::ref
